using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>Weights from U(−r, r) with r = √(6 / (n_in + n_out)), biases 0 (Glorot &amp; Bengio 2010, eq. 16).</summary>
/// <remarks>Var(W) = 2/(n_in + n_out) keeps activation and gradient variances roughly equal across layers of tanh or sigmoid units.</remarks>
public sealed class XavierUniform : IInitializer
{
    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        Sampling.Uniform(weights, Math.Sqrt(6.0 / (weights.ColumnCount + weights.RowCount)), random);
        biases.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => "XavierUniform";
}
