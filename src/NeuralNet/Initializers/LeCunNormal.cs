using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>Weights from N(0, 1/n_in), biases from N(0, 1): Nielsen's default initialiser (chapter 3, network2.py).</summary>
/// <remarks>Keeps Var(z) ≈ 1 for unit-variance inputs (LeCun et al. 1998, "Efficient BackProp").</remarks>
public sealed class LeCunNormal : IInitializer
{
    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        Sampling.Normal(weights, Math.Sqrt(1.0 / weights.ColumnCount), random);
        Sampling.StandardNormal(biases, random);
    }

    /// <inheritdoc/>
    public override string ToString() => "LeCunNormal";
}
