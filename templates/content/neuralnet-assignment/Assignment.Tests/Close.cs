using MathNet.Numerics.LinearAlgebra;
using Xunit.Sdk;

namespace Assignment.Tests;

/// <summary>Comparisons that say which entry differs, by how much, and what it means.</summary>
internal static class Close
{
    /// <summary>Fails unless |expected − actual| ≤ tolerance·max(1, |expected|) for every entry, naming the first that is not.</summary>
    public static void Matrices(Matrix<double> expected, Matrix<double>? actual, string what, double tolerance = 1e-12)
    {
        if (actual is null) throw new XunitException($"{what}: expected a {expected.RowCount}×{expected.ColumnCount} matrix, got null.");
        if (actual.RowCount != expected.RowCount || actual.ColumnCount != expected.ColumnCount)
            throw new XunitException($"{what}: expected a {expected.RowCount}×{expected.ColumnCount} matrix, got {actual.RowCount}×{actual.ColumnCount}.");
        for (int j = 0; j < expected.ColumnCount; j++)
            for (int i = 0; i < expected.RowCount; i++)
                if (!(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance * Math.Max(1, Math.Abs(expected[i, j]))))
                    throw new XunitException($"{what}: entry [{i}, {j}] is {actual[i, j]:R}, expected {expected[i, j]:R}.");
    }

    /// <summary>As <see cref="Matrices"/>, for vectors.</summary>
    public static void Vectors(Vector<double> expected, Vector<double> actual, string what, double tolerance = 1e-12) =>
        Matrices(expected.ToColumnMatrix(), actual.ToColumnMatrix(), what, tolerance);

    /// <summary>Fails unless |expected − actual| ≤ tolerance.</summary>
    public static void Numbers(double expected, double actual, string what, double tolerance)
    {
        if (!(Math.Abs(expected - actual) <= tolerance))
            throw new XunitException($"{what}: got {actual:R}, expected {expected:R} (± {tolerance:G2}).");
    }
}
