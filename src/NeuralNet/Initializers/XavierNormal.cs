using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>Weights from N(0, 2 / (n_in + n_out)), biases 0 (Glorot &amp; Bengio 2010).</summary>
/// <remarks>The normal-distribution form of <see cref="XavierUniform"/>, with the same variance.</remarks>
public sealed class XavierNormal : IInitializer
{
    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        Sampling.Normal(weights, Math.Sqrt(2.0 / (weights.ColumnCount + weights.RowCount)), random);
        biases.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => "XavierNormal";
}
