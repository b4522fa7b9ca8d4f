using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tests.Tracing;

/// <summary>Element-wise comparisons with a stated tolerance, naming the first differing element.</summary>
internal static class TraceAssert
{
    public static void Close(Matrix<double>? actual, Matrix<double> expected, double tolerance)
    {
        actual.ShouldNotBeNull();
        actual.RowCount.ShouldBe(expected.RowCount, "rows");
        actual.ColumnCount.ShouldBe(expected.ColumnCount, "columns");
        for (int c = 0; c < actual.ColumnCount; c++)
            for (int r = 0; r < actual.RowCount; r++)
                actual[r, c].ShouldBe(expected[r, c], tolerance, $"element ({r}, {c})");
    }

    public static void Close(Vector<double> actual, Vector<double> expected, double tolerance) =>
        Close(actual.ToColumnMatrix(), expected.ToColumnMatrix(), tolerance);

    public static void Close(Matrix<double>? actual, double[,] expected, double tolerance) =>
        Close(actual, Matrix<double>.Build.DenseOfArray(expected), tolerance);
}
