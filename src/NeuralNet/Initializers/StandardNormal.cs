using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>Weights and biases from N(0, 1): Nielsen's first, "large" initialiser (chapter 1).</summary>
/// <remarks>With n_in inputs the weighted input z has standard deviation ≈ √(n_in/2 + 1) for binary inputs, so sigmoid units start saturated (Nielsen, chapter 3).</remarks>
public sealed class StandardNormal : IInitializer
{
    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        Sampling.Normal(weights, 1.0, random);
        Sampling.StandardNormal(biases, random);
    }

    /// <inheritdoc/>
    public override string ToString() => "StandardNormal";
}
