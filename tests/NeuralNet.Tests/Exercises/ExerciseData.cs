using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Initializers;

namespace NeuralNet.Tests.Exercises;

/// <summary>Data and networks shared by the exercise solutions (docs/exercises.md); every random choice is seeded.</summary>
internal static class ExerciseData
{
    public static Matrix<double> XorInputs => Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });

    public static Matrix<double> XorTargets => Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });

    /// <summary>The README's XOR network: 2 → 3 tanh → 1 (sigmoid unless given), Xavier-uniform from seed 7.</summary>
    public static Network Xor(IActivation? output = null)
    {
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, output ?? new Sigmoid()));
        network.Initialize(new XavierUniform(), seed: 7);
        return network;
    }

    /// <summary>
    /// A synthetic, linearly separable 2-D set standing in for two MNIST digits until the MNIST loader lands:
    /// two clouds of <paramref name="m"/>/2 points around (2, 2) (label 1) and (−2, −2) (label 0), each point within ±0.5.
    /// </summary>
    public static (Matrix<double> X, Matrix<double> Y) TwoClouds(int m = 200, int seed = 2)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(2, m, (_, j) => (j % 2 == 0 ? 2.0 : -2.0) + random.NextDouble() - 0.5);
        var y = Matrix<double>.Build.Dense(1, m, (_, j) => j % 2 == 0 ? 1 : 0);
        return (x, y);
    }

    /// <summary>Points in [−1, 1]² labelled 1 in the first and third quadrants: XOR as a 2-D classification problem.</summary>
    public static (Matrix<double> X, Matrix<double> Y) Quadrants(int m = 200, int seed = 3)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(2, m, (_, _) => 2 * random.NextDouble() - 1);
        var y = Matrix<double>.Build.Dense(1, m, (_, j) => x[0, j] * x[1, j] > 0 ? 1 : 0);
        return (x, y);
    }

    /// <summary>Share of columns where (output ≥ 0.5) matches (target ≥ 0.5).</summary>
    public static double Accuracy(Network network, Matrix<double> x, Matrix<double> y)
    {
        var output = network.Predict(x);
        int correct = 0;
        for (int j = 0; j < x.ColumnCount; j++)
            if ((output[0, j] >= 0.5) == (y[0, j] >= 0.5)) correct++;
        return (double)correct / x.ColumnCount;
    }

    public static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);
}
