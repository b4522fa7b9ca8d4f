using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tests.Tracing;

/// <summary>Textbook loops for the trace tests' expected values: no MathNet product, no GEMM, nothing shared with the code under test.</summary>
internal static class Naive
{
    public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b)
    {
        a.ColumnCount.ShouldBe(b.RowCount, "inner dimensions");
        var c = Matrix<double>.Build.Dense(a.RowCount, b.ColumnCount);
        for (int i = 0; i < a.RowCount; i++)
            for (int j = 0; j < b.ColumnCount; j++)
            {
                double sum = 0;
                for (int k = 0; k < a.ColumnCount; k++) sum += a[i, k] * b[k, j];
                c[i, j] = sum;
            }
        return c;
    }

    public static Matrix<double> Transpose(Matrix<double> a) => Matrix<double>.Build.Dense(a.ColumnCount, a.RowCount, (i, j) => a[j, i]);

    public static Matrix<double> Hadamard(Matrix<double> a, Matrix<double> b) => Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (i, j) => a[i, j] * b[i, j]);

    public static Matrix<double> Scale(Matrix<double> a, double s) => Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (i, j) => s * a[i, j]);

    public static Matrix<double> AddToColumns(Matrix<double> a, Vector<double> b) => Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (i, j) => a[i, j] + b[i]);

    /// <summary>The mean of the columns, as one column.</summary>
    public static Matrix<double> MeanOfColumns(Matrix<double> a) =>
        Matrix<double>.Build.Dense(a.RowCount, 1, (i, _) => Enumerable.Range(0, a.ColumnCount).Sum(j => a[i, j]) / a.ColumnCount);
}
