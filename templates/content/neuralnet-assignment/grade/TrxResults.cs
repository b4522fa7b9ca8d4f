using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Grade;

/// <summary>Reads the results file (TRX) that <c>dotnet test --logger trx</c> writes: one entry per test that ran.</summary>
public static partial class TrxResults
{
    /// <summary>A test that ran: its name without the "(n points)" suffix, whether it passed, its time and failure message.</summary>
    public sealed record Result(string Name, bool Passed, double Seconds, string Message);

    /// <summary>The results in <paramref name="trxPath"/>, by test name ("File.Method").</summary>
    /// <exception cref="InvalidDataException">The file is not a TRX file.</exception>
    public static IReadOnlyDictionary<string, Result> Read(string trxPath)
    {
        XDocument document;
        try { document = XDocument.Load(trxPath); }
        catch (System.Xml.XmlException e) { throw new InvalidDataException($"{trxPath} is not a valid TRX file: {e.Message}", e); }
        var results = new Dictionary<string, Result>(StringComparer.Ordinal);
        foreach (var result in document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            string name = PointsSuffix().Replace((string?)result.Attribute("testName") ?? "", "");
            bool passed = (string?)result.Attribute("outcome") == "Passed";
            double seconds = TimeSpan.TryParse((string?)result.Attribute("duration"), CultureInfo.InvariantCulture, out var d) ? d.TotalSeconds : 0;
            string message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value.Trim() ?? "";
            // A test that appears twice (a theory's cases) passes only if every case passed.
            results[name] = results.TryGetValue(name, out var earlier)
                ? earlier with { Passed = earlier.Passed && passed, Seconds = earlier.Seconds + seconds, Message = earlier.Message.Length > 0 ? earlier.Message : message }
                : new Result(name, passed, seconds, message);
        }
        return results;
    }

    [GeneratedRegex(@"\s*\(\d+ points?\)$")]
    private static partial Regex PointsSuffix();
}
