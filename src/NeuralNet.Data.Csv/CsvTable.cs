using System.Globalization;
using Sylvan.Data.Csv;

namespace NeuralNet.Data.Csv;

/// <summary>
/// A CSV file with a header row, read into numeric feature rows (one row per sample, as the estimators take them) and one
/// label column chosen by name, kept as text: <c>CsvTable.Load("wine.csv", "cultivar")</c>.
/// </summary>
/// <remarks>
/// <para><b>The file.</b> The first line names the columns; every other line is one sample. The delimiter (comma,
/// semicolon, tab, …) is detected from the header; fields may be quoted as RFC 4180 describes. Every column except the
/// label must hold numbers in the invariant culture (<c>1234.5</c>, <c>-1e-3</c>).</para>
/// <para><b>Errors name the place.</b> A missing file, a missing label column (the message lists the columns), a line with
/// too few or too many fields, an empty or non-numeric value: each throws with the file, the line (1 is the header) and the
/// column's number and name (lines count records: a quoted value spanning several lines counts once), e.g. <c>data.csv: line 12, column 3 ("mean area"): "12,5" is not a number</c>.</para>
/// <para>Reading uses Sylvan.Data.Csv (MIT, no dependencies): a well-tested RFC 4180 reader, lighter than CsvHelper,
/// whose strength, mapping records to classes by reflection, is not needed for a table of numbers.</para>
/// <para>A loaded table never changes; it may be read from several threads. The arrays are exposed, not copied.</para>
/// </remarks>
/// <example><code>
/// var table = CsvTable.Load("breast-cancer.csv", labelColumn: "diagnosis");
/// var split = TrainTestSplit.Stratified(table.Rows, table.Labels, testFraction: 0.25, seed: 0);
/// </code></example>
public sealed class CsvTable
{
    private readonly int[] _lines;

    private CsvTable(string path, string[] featureNames, string labelName, double[][] rows, string[] labels, int[] lines)
    {
        (Path, FeatureNames, LabelName, Rows, Labels, _lines) = (path, featureNames, labelName, rows, labels, lines);
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    /// <summary>The names of the feature columns, in file order (the label column left out).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The name of the label column.</summary>
    public string LabelName { get; }

    /// <summary>The features: <c>Rows[i][j]</c> is feature j (<see cref="FeatureNames"/>[j]) of sample i, the (i + 2)-th line of the file.</summary>
    public double[][] Rows { get; }

    /// <summary>The label of every sample, as written in the file (surrounding quotes removed).</summary>
    public string[] Labels { get; }

    /// <summary>The number of samples (lines after the header).</summary>
    public int Count => Rows.Length;

    /// <summary>
    /// Reads <paramref name="path"/>: every column but <paramref name="labelColumn"/> as numbers, that one as text.
    /// </summary>
    /// <param name="path">A CSV file with a header row.</param>
    /// <param name="labelColumn">The name of the label (target) column, as in the header (case-sensitive).</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is empty, has no such column, or a line or value is malformed; the message names the file, the line and the column.</exception>
    public static CsvTable Load(string path, string labelColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumn);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.", path);
        if (new FileInfo(path).Length == 0)
            throw new InvalidDataException($"{path}: the file is empty; expected a header row naming the columns.");

        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        int columns = reader.FieldCount;
        var names = Enumerable.Range(0, columns).Select(reader.GetName).ToArray();
        int label = Array.IndexOf(names, labelColumn);
        if (label < 0)
            throw new InvalidDataException(
                $"{path}: no column \"{labelColumn}\"; the header has {string.Join(", ", names.Select(n => $"\"{n}\""))}.");
        if (columns < 2)
            throw new InvalidDataException($"{path}: the only column is the label \"{labelColumn}\"; expected at least one feature column.");

        var rows = new List<double[]>();
        var labels = new List<string>();
        var lines = new List<int>();
        while (reader.Read())
        {
            int line = reader.RowNumber + 1;      // Sylvan counts data records from 1; the header is line 1
            if (reader.RowFieldCount != columns)
                throw new InvalidDataException($"{path}: line {line} has {reader.RowFieldCount} fields, but the header has {columns}.");
            var row = new double[columns - 1];
            for (int c = 0, j = 0; c < columns; c++)
            {
                var text = reader.GetFieldSpan(c).Trim();
                if (text.IsEmpty)
                    throw new InvalidDataException($"{path}: line {line}, column {c + 1} (\"{names[c]}\"): the value is missing.");
                if (c == label)
                {
                    labels.Add(text.ToString());
                    continue;
                }
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw new InvalidDataException($"{path}: line {line}, column {c + 1} (\"{names[c]}\"): \"{text}\" is not a number.");
                row[j++] = value;
            }
            rows.Add(row);
            lines.Add(line);
        }
        if (rows.Count == 0)
            throw new InvalidDataException($"{path}: the file has a header but no data lines.");
        return new CsvTable(path, names.Where((_, c) => c != label).ToArray(), labelColumn, rows.ToArray(), labels.ToArray(), lines.ToArray());
    }

    /// <summary>The labels as numbers, for a regression target: <c>double.Parse</c> in the invariant culture.</summary>
    /// <exception cref="InvalidDataException">A label is not a number; the message names the file, line and column.</exception>
    public double[] NumericLabels()
    {
        var values = new double[Labels.Length];
        for (int i = 0; i < values.Length; i++)
            if (!double.TryParse(Labels[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new InvalidDataException($"{Path}: line {_lines[i]}, column \"{LabelName}\": \"{Labels[i]}\" is not a number (a regression needs numeric targets).");
        return values;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CsvTable[{System.IO.Path.GetFileName(Path)}: {Count} rows, {FeatureNames.Count} features, label \"{LabelName}\"]");
}
