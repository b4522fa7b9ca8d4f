using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>
/// scikit-learn's MLP initialisation: weights <b>and biases</b> from U(−r, r), r = √(f / (n_in + n_out)), with f = 6
/// (Glorot &amp; Bengio 2010, eq. 16) and f = 2 when the network's hidden activation is the logistic sigmoid.
/// </summary>
/// <remarks>
/// <para>From <c>BaseMultilayerPerceptron._init_coef</c> in scikit-learn's
/// <c>sklearn/neural_network/_multilayer_perceptron.py</c> (read in version 1.2.1): <c>factor = 6.0</c>, <c>2.0</c> if
/// <c>activation == "logistic"</c>; <c>init_bound = sqrt(factor / (fan_in + fan_out))</c>; <c>coef_init</c> and
/// <c>intercept_init</c> both uniform on (−init_bound, init_bound). The factor follows the hidden activation for every
/// layer, the output layer included. Unlike <see cref="XavierUniform"/>, the biases are drawn too (after the weights).</para>
/// <para>The draws are this library's (<see cref="Random"/>, row by row), not NumPy's, so the same seed does not give
/// scikit-learn's numbers, only their distribution.</para>
/// </remarks>
internal sealed class ScikitLearnUniform(double factor) : IInitializer
{
    /// <summary>f in r = √(f / (n_in + n_out)).</summary>
    public double Factor { get; } = factor;

    /// <inheritdoc/>
    public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
    {
        Sampling.CheckArguments(weights, biases, random);
        double r = Math.Sqrt(Factor / (weights.ColumnCount + weights.RowCount));
        Sampling.Uniform(weights, r, random);
        for (int i = 0; i < biases.Count; i++)
            biases[i] = r * (2.0 * random.NextDouble() - 1.0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ScikitLearnUniform(factor {Factor})";
}
