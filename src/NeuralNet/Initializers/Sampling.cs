using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Internal;

namespace NeuralNet.Initializers;

/// <summary>Sequential, seeded draws shared by the built-in initializers.</summary>
internal static class Sampling
{
    public static void CheckArguments(Matrix<double> weights, Vector<double> biases, Random random)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        ArgumentNullException.ThrowIfNull(random);
        if (biases.Count != weights.RowCount)
            throw new ArgumentException($"biases has {biases.Count} entries but weights is {Guard.Shape(weights)}: expected one bias per row.", nameof(biases));
    }

    /// <summary>One draw from N(0, 1) by the Box–Muller transform: √(−2 ln u₁)·cos(2π u₂), with u₁ ∈ (0, 1].</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills W row by row with N(0, σ²).</summary>
    public static void Normal(Matrix<double> weights, double sigma, Random random)
    {
        for (int i = 0; i < weights.RowCount; i++)
            for (int j = 0; j < weights.ColumnCount; j++)
                weights[i, j] = sigma * StandardNormal(random);
    }

    /// <summary>Fills W row by row with U(−limit, limit).</summary>
    public static void Uniform(Matrix<double> weights, double limit, Random random)
    {
        for (int i = 0; i < weights.RowCount; i++)
            for (int j = 0; j < weights.ColumnCount; j++)
                weights[i, j] = limit * (2.0 * random.NextDouble() - 1.0);
    }

    /// <summary>Fills b with N(0, 1).</summary>
    public static void StandardNormal(Vector<double> biases, Random random)
    {
        for (int i = 0; i < biases.Count; i++)
            biases[i] = StandardNormal(random);
    }
}
