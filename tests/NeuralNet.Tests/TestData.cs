using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tests;

/// <summary>
/// Small builders and assertions shared by the tests. Matrices have one column per sample, as in the library;
/// every random matrix comes from an explicit seed.
/// </summary>
internal static class TestData
{
    /// <summary>A matrix written as it reads: <c>Matrix(new double[,] { { row 0 }, { row 1 } })</c>.</summary>
    public static Matrix<double> Matrix(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    /// <summary>A 1 × m matrix: one output (or input) for each of m samples.</summary>
    public static Matrix<double> Row(params double[] values) => Matrix<double>.Build.DenseOfRowArrays(values);

    /// <summary>An n × 1 matrix: a single sample.</summary>
    public static Matrix<double> Column(params double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

    /// <summary>Entries drawn from U(low, high), filled column by column from <see cref="Random"/>(<paramref name="seed"/>).</summary>
    public static Matrix<double> Uniform(int rows, int columns, int seed, double low = -1, double high = 1)
    {
        var random = new Random(seed);
        var result = Matrix<double>.Build.Dense(rows, columns);
        for (int c = 0; c < columns; c++)
            for (int r = 0; r < rows; r++)
                result[r, c] = low + (high - low) * random.NextDouble();
        return result;
    }

    /// <summary>One-hot targets: each column has a single 1 in a row drawn from <see cref="Random"/>(<paramref name="seed"/>).</summary>
    public static Matrix<double> OneHot(int classes, int columns, int seed)
    {
        var random = new Random(seed);
        var result = Matrix<double>.Build.Dense(classes, columns);
        for (int c = 0; c < columns; c++)
            result[random.Next(classes), c] = 1;
        return result;
    }

    /// <summary>Layer <paramref name="index"/> of <paramref name="network"/> as the built-in <see cref="NeuralNet.Layer"/> it is in these tests.</summary>
    public static Layer Dense(this Network network, int index) => (Layer)network.Layers[index];

    /// <summary>Every layer of <paramref name="network"/> as the built-in <see cref="NeuralNet.Layer"/> it is in these tests.</summary>
    public static IEnumerable<Layer> DenseLayers(this Network network) => network.Layers.Cast<Layer>();

    /// <summary>A copy of every parameter value of <paramref name="network"/>, layer by layer (W¹, b¹, W², b², …).</summary>
    public static double[][] Snapshot(Network network) => network.Parameters.Select(p => (double[])p.Value.Clone()).ToArray();

    /// <summary>Asserts the shape, then every element within <paramref name="tolerance"/>, naming the element that differs.</summary>
    public static void ShouldEqual(this Matrix<double> actual, double[,] expected, double tolerance)
    {
        actual.RowCount.ShouldBe(expected.GetLength(0), "rows");
        actual.ColumnCount.ShouldBe(expected.GetLength(1), "columns");
        for (int r = 0; r < actual.RowCount; r++)
            for (int c = 0; c < actual.ColumnCount; c++)
                actual[r, c].ShouldBe(expected[r, c], tolerance, $"element ({r}, {c})");
    }

    /// <summary>Asserts that two parameter snapshots are bit-identical.</summary>
    public static void ShouldBeIdentical(this double[][] actual, double[][] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int p = 0; p < actual.Length; p++)
            actual[p].ShouldBe(expected[p], $"parameter {p}");
    }
}

/// <summary>Reports on the calling thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
