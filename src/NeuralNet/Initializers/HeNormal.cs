using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>Weights from N(0, 2/n_in), biases 0 (He et al. 2015, eq. 10).</summary>
/// <remarks>A ReLU zeroes half of its inputs on average; the factor 2 makes up for it, so Var(z) stays constant through deep ReLU networks.</remarks>
public sealed class HeNormal : IInitializer
{
    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        Sampling.Normal(weights, Math.Sqrt(2.0 / weights.ColumnCount), random);
        biases.Clear();
    }

    /// <inheritdoc/>
    public override string ToString() => "HeNormal";
}
