using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>Weights from U(−r, r) with r = √(6/n_in), biases 0 (He et al. 2015).</summary>
/// <remarks>The uniform form of <see cref="HeNormal"/>, with the same variance 2/n_in.</remarks>
public sealed class HeUniform : IInitializer
{
    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        Sampling.Uniform(weights, Math.Sqrt(6.0 / weights.ColumnCount), random);
        biases.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => "HeUniform";
}
