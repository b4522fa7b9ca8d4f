using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Internal;

/// <summary>
/// Argument checks shared by every public entry point. Messages say what was expected and what was received,
/// and always describe matrices as rows×columns (one column per sample).
/// </summary>
internal static class Guard
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive integer. Received: {name}={value}.");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0. Received: {name}={value}.");
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0. Received: {name}={value}.");
    }

    public static string Shape(Matrix<double> m) => $"{m.RowCount}×{m.ColumnCount}";

    /// <summary>Checks that <paramref name="inputs"/> has <paramref name="rows"/> rows (one column per sample).</summary>
    public static void Rows(Matrix<double> inputs, int rows, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(inputs, name);
        if (inputs.RowCount != rows)
            throw new ArgumentException(
                $"{name} is {Shape(inputs)} but {what} expects {rows}×m (one column per sample, {rows} rows). " +
                (inputs.ColumnCount == rows ? "It looks transposed: pass one column per sample." : ""), name);
    }

    /// <summary>Checks that inputs and targets hold the same number of samples (columns).</summary>
    public static void SameColumns(Matrix<double> inputs, Matrix<double> targets, string inputsName, string targetsName)
    {
        if (inputs.ColumnCount != targets.ColumnCount)
            throw new ArgumentException(
                $"{inputsName} is {Shape(inputs)} and {targetsName} is {Shape(targets)}: they must have the same number of columns (one column per sample).",
                targetsName);
    }

    /// <summary>Rejects NaN and ±Infinity, naming the first offending row and column.</summary>
    public static void Finite(Matrix<double> m, string name)
    {
        var data = m.AsColumnMajorArray();
        if (data is not null)
        {
            // Fast accept: a sum is finite only if every term is (NaN and ±∞ propagate); a finite sum can still overflow, so scan then.
            if (double.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum<double>(data))) return;
            int rows = m.RowCount;
            for (int i = 0; i < data.Length; i++)
                if (!double.IsFinite(data[i]))
                    throw NotFinite(name, i % rows, i / rows, data[i]);
            return;
        }
        for (int c = 0; c < m.ColumnCount; c++)
            for (int r = 0; r < m.RowCount; r++)
                if (!double.IsFinite(m[r, c]))
                    throw NotFinite(name, r, c, m[r, c]);
    }

    private static ArgumentException NotFinite(string name, int row, int column, double value) =>
        new($"{name} contains {value} at row {row}, column {column} (sample {column}); every value must be finite.", name);

    /// <summary>Turns one array per sample into a features × samples matrix, checking that every sample has the same length.</summary>
    public static Matrix<double> Columns(double[][] samples, string name)
    {
        ArgumentNullException.ThrowIfNull(samples, name);
        if (samples.Length == 0)
            throw new ArgumentException($"{name} must contain at least one sample. Received: 0 samples.", name);
        int features = samples[0]?.Length ?? throw new ArgumentException($"{name}[0] is null.", name);
        var result = Matrix<double>.Build.Dense(features, samples.Length);
        var data = result.AsColumnMajorArray();
        for (int j = 0; j < samples.Length; j++)
        {
            var s = samples[j] ?? throw new ArgumentException($"{name}[{j}] is null.", name);
            if (s.Length != features)
                throw new ArgumentException(
                    $"{name}[{j}] has {s.Length} values but {name}[0] has {features}: every sample must have the same length.", name);
            s.CopyTo(data, j * features);
        }
        return result;
    }

    /// <summary>Turns a features × samples matrix back into one array per sample.</summary>
    public static double[][] Rows(Matrix<double> m)
    {
        var result = new double[m.ColumnCount][];
        for (int j = 0; j < result.Length; j++)
            result[j] = m.Column(j).ToArray();
        return result;
    }
}
