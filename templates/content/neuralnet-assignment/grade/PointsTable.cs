using System.Text.RegularExpressions;

namespace Grade;

/// <summary>
/// What each test is worth, read from the test sources: every <c>[Graded(points)]</c> test method of
/// Assignment.Tests/*.cs, named "File.Method" as the tests name themselves. Read from the sources, not the build, so
/// that a submission that does not compile still gets a complete report (every test, 0 points).
/// </summary>
public static partial class PointsTable
{
    /// <summary>One row of the table: the test's name and what it is worth.</summary>
    public sealed record Row(string Name, string ClassName, int Points);

    /// <summary>The table of the tests in <paramref name="testsFolder"/>, in file order, then source order.</summary>
    /// <exception cref="InvalidDataException">No graded test was found.</exception>
    public static IReadOnlyList<Row> Read(string testsFolder)
    {
        var rows = new List<Row>();
        foreach (var file in Directory.GetFiles(testsFolder, "*.cs").Order(StringComparer.Ordinal))
        {
            string source = File.ReadAllText(file);
            string className = Path.GetFileNameWithoutExtension(file);
            string ns = Namespace().Match(source) is { Success: true } n ? n.Groups[1].Value + "." : "";
            foreach (Match m in GradedMethod().Matches(source))
                rows.Add(new Row($"{className}.{m.Groups[2].Value}", ns + className, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (rows.Count == 0)
            throw new InvalidDataException($"No [Graded(points)] test found in {testsFolder}.");
        return rows;
    }

    [GeneratedRegex(@"\[Graded\((\d+)\)\]\s*public\s+void\s+(\w+)\s*\(")]
    private static partial Regex GradedMethod();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
