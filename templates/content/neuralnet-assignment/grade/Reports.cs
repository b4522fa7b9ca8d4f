using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Grade;

/// <summary>
/// Writes grades in the formats grading platforms read: JUnit XML (GitLab, Jenkins, CodeGrade, Moodle's CodeRunner via
/// plugins), a JSON summary in the shape of Gradescope's results.json (score, max_score, tests with name, score,
/// max_score, status, output), and, for a whole course, one CSV row per submission.
/// </summary>
public static class Reports
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JUnit XML: one testsuite per submission, one testcase per graded test, its points as properties.</summary>
    public static XDocument JUnit(IEnumerable<GradeReport> reports)
    {
        var suites = reports.Select(r => new XElement("testsuite",
            new XAttribute("name", r.Submission),
            new XAttribute("tests", r.Tests.Count),
            new XAttribute("failures", r.Tests.Count(t => t.Status == TestStatus.Failed)),
            new XAttribute("errors", r.Tests.Count(t => t.Status == TestStatus.NotRun)),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(r.Tests.Sum(t => t.Seconds))),
            new XElement("properties",
                Property("outcome", r.Outcome), Property("score", r.Score), Property("max_score", r.MaxScore)),
            r.Tests.Select(TestCase),
            r.Output.Length > 0 ? new XElement("system-err", r.Output) : null)).ToList();
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "NeuralNet backprop assignment"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
            new XAttribute("time", suites.Sum(s => double.Parse((string)s.Attribute("time")!, CultureInfo.InvariantCulture)).ToString("F3", CultureInfo.InvariantCulture)),
            suites));
    }

    private static XElement TestCase(GradedTest t) => new("testcase",
        new XAttribute("classname", t.ClassName),
        new XAttribute("name", t.Name),
        new XAttribute("time", Seconds(t.Seconds)),
        new XElement("properties", Property("points", t.Points), Property("max_points", t.MaxPoints)),
        t.Status switch
        {
            TestStatus.Failed => new XElement("failure", new XAttribute("message", FirstLine(t.Message)), new XAttribute("type", "failed"), t.Message),
            TestStatus.NotRun => new XElement("error", new XAttribute("message", t.Message), new XAttribute("type", "not run")),
            _ => null,
        });

    private static XElement Property(string name, object value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", Convert.ToString(value, CultureInfo.InvariantCulture)!));

    /// <summary>The JSON summary of one submission (Gradescope's results.json shape, plus submission and outcome).</summary>
    public static JsonObject Json(GradeReport r) => new()
    {
        ["submission"] = r.Submission,
        ["outcome"] = r.Outcome,
        ["score"] = r.Score,
        ["max_score"] = r.MaxScore,
        ["output"] = r.Output,
        ["tests"] = new JsonArray(r.Tests.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["score"] = t.Points,
            ["max_score"] = t.MaxPoints,
            ["status"] = t.Status switch { TestStatus.Passed => "passed", TestStatus.Failed => "failed", _ => "not run" },
            ["output"] = t.Message,
        }).ToArray()),
    };

    /// <summary>Writes junit.xml and grade.json for one submission into <paramref name="folder"/>.</summary>
    public static void WriteOne(GradeReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var junit = JUnit([report]);
        WriteAtomically(Path.Combine(folder, "junit.xml"), junit.Declaration + "\n" + junit.Root + "\n");
        WriteAtomically(Path.Combine(folder, "grade.json"), Json(report).ToJsonString(Indented) + "\n");
    }

    /// <summary>Writes grades.csv (one row per submission: each test's points, the total), grades.json and junit.xml for a course.</summary>
    public static void WriteCourse(IReadOnlyList<GradeReport> reports, string folder)
    {
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder();
        var names = reports.Count > 0 ? reports[0].Tests.Select(t => t.Name).ToList() : [];
        csv.AppendLine(string.Join(',', new[] { "submission", "outcome" }.Concat(names.Select(n => $"{n} ({reports[0].Tests.First(t => t.Name == n).MaxPoints})")).Concat(["score", "max_score"]).Select(Csv)));
        foreach (var r in reports)
            csv.AppendLine(string.Join(',', new[] { r.Submission, r.Outcome }.Select(Csv)
                .Concat(r.Tests.Select(t => t.Points.ToString(CultureInfo.InvariantCulture)))
                .Concat([r.Score.ToString(CultureInfo.InvariantCulture), r.MaxScore.ToString(CultureInfo.InvariantCulture)])));
        WriteAtomically(Path.Combine(folder, "grades.csv"), csv.ToString());
        WriteAtomically(Path.Combine(folder, "grades.json"), new JsonArray(reports.Select(r => (JsonNode)Json(r)).ToArray()).ToJsonString(Indented) + "\n");
        var junit = JUnit(reports);
        WriteAtomically(Path.Combine(folder, "junit.xml"), junit.Declaration + "\n" + junit.Root + "\n");
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Seconds(double s) => s.ToString("F3", CultureInfo.InvariantCulture);

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <summary>Writes to a temporary file and moves it into place, so a platform never reads a half-written report.</summary>
    private static void WriteAtomically(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
