using System.Text.RegularExpressions;

namespace NeuralNet.Tests.Docs;

/// <summary>The README's equation table links single lines (<c>Layer.cs#L115</c>); each must land on the line that computes what the link text quotes.</summary>
public partial class ReadmeEquationLinksTests
{
    [GeneratedRegex(@"\[`(?<text>[^`]+)`\]\((?<file>src/[^)#]+)#L(?<line>\d+)\)")]
    private static partial Regex LineLink();

    [Fact]
    public void EveryLineLink_PointsAtTheLineWhoseCommentItQuotes()
    {
        string root = CodeBlocksCompileTests.RepositoryRoot();
        var links = LineLink().Matches(File.ReadAllText(Path.Combine(root, "README.md")));
        links.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (Match link in links)
        {
            var lines = File.ReadAllLines(Path.Combine(root, link.Groups["file"].Value));
            int number = int.Parse(link.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            number.ShouldBeLessThanOrEqualTo(lines.Length, link.Value);
            string line = lines[number - 1];
            line.TrimStart().StartsWith("///", StringComparison.Ordinal).ShouldBeFalse(link.Value);   // code, not a doc comment
            line.Contains("// " + link.Groups["text"].Value, StringComparison.Ordinal).ShouldBeTrue($"{link.Value} lands on: {line.Trim()}");
        }
    }
}
