using System.Globalization;

namespace NeuralNet.Preprocessing;

/// <summary>Checks for data given as one row per sample (<c>rows[i][j]</c> = feature j of sample i).</summary>
internal static class RowGuard
{
    /// <summary>At least one row, all non-null, of equal length, every value finite; returns the number of features.</summary>
    public static int Rectangular(double[][] rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Length == 0)
            throw new ArgumentException($"{name} must contain at least one row (one row per sample). Received: 0 rows.", name);
        int features = (rows[0] ?? throw new ArgumentException($"{name}[0] is null.", name)).Length;
        if (features == 0)
            throw new ArgumentException($"{name}[0] has no features; expected at least one value per row.", name);
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{name}[{i}] is null.", name);
            if (row.Length != features)
                throw new ArgumentException($"{name}[{i}] has {row.Length} values, but {name}[0] has {features}: every row must have the same number of features.", name);
            for (int j = 0; j < features; j++)
                if (!double.IsFinite(row[j]))
                    throw new ArgumentException(
                        $"{name}[{i}][{j}] is {row[j].ToString(CultureInfo.InvariantCulture)}: every value must be finite (row {i} is sample {i}, column {j} its feature {j}).", name);
        }
        return features;
    }
}
