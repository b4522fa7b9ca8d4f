// The grader. A student (or a grading platform, in the student's copy):
//     dotnet run --project grade
// runs the tests and writes grade-results/junit.xml and grade-results/grade.json. A teacher, for a whole course:
//     dotnet run --project grade -- --submissions <folder> [--output <folder>]
// grades every subfolder of <folder> with this copy's tests into grades.csv, grades.json and junit.xml.
using System.Globalization;
using Grade;

const string Usage = """
    Usage: dotnet run --project grade [-- options]
      --submissions <folder>  grade every subfolder of <folder> (one per student) with this assignment's tests
      --output <folder>       where to write the reports (default: grade-results/ in the assignment folder)
      --assignment <folder>   the assignment folder (default: the one that holds the current folder)
      --timeout <seconds>     per test run (build included); default 600
    """;

string? assignment = null, output = null, submissions = null;
var timeout = TimeSpan.FromMinutes(10);
for (int i = 0; i < args.Length; i++)
{
    string option = args[i];
    if (option is "-h" or "--help") { Console.WriteLine(Usage); return 0; }
    if (option is not ("--assignment" or "--output" or "--submissions" or "--timeout"))
        return Fail($"unknown option '{option}' (try --help)");
    if (i + 1 >= args.Length) return Fail($"{option} needs a value");
    string value = args[++i];
    switch (option)
    {
        case "--assignment": assignment = value; break;
        case "--output": output = value; break;
        case "--submissions": submissions = value; break;
        default:
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0))
                return Fail($"--timeout must be a positive number of seconds. Received: {value}");
            timeout = TimeSpan.FromSeconds(seconds);
            break;
    }
}

assignment = assignment is null ? FindAssignment() : Path.GetFullPath(assignment);
if (assignment is null || !File.Exists(Path.Combine(assignment, TestRun.TestsProject)))
    return Fail($"no assignment found (a folder with {TestRun.TestsProject}); run from inside it or pass --assignment");
output = Path.GetFullPath(output ?? Path.Combine(assignment, "grade-results"));

if (submissions is null)
{
    var report = TestRun.Grade("assignment", assignment, output, PointsTable.Read(Path.Combine(assignment, "Assignment.Tests")), timeout);
    Reports.WriteOne(report, output);
    Print(report);
    Console.WriteLine($"Wrote {Path.Combine(output, "junit.xml")} and {Path.Combine(output, "grade.json")}");
    return 0;
}

submissions = Path.GetFullPath(submissions);
if (!Directory.Exists(submissions)) return Fail($"--submissions: no folder {submissions}");
if ((output + Path.DirectorySeparatorChar).StartsWith(submissions + Path.DirectorySeparatorChar, StringComparison.Ordinal))
    return Fail($"--output ({output}) must not be inside --submissions ({submissions}): its folders would be graded as submissions");
IReadOnlyList<GradeReport> reports;
try
{
    reports = Submissions.GradeAll(assignment, submissions, output, timeout, (r, elapsed) => Console.WriteLine($"{r.Submission,-24} {r.Score,3} / {r.MaxScore}  {r.Outcome}, {elapsed.TotalSeconds:F0} s"));
}
catch (InvalidOperationException e)
{
    return Fail(e.Message);
}
Reports.WriteCourse(reports, output);
Console.WriteLine($"{reports.Count} submissions graded; wrote {Path.Combine(output, "grades.csv")}, grades.json and junit.xml");
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}

static string? FindAssignment()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, TestRun.TestsProject)))
                return dir.FullName;
    return null;
}

static void Print(GradeReport report)
{
    foreach (var t in report.Tests)
    {
        string status = t.Status switch { TestStatus.Passed => "passed", TestStatus.Failed => "FAILED", _ => "not run" };
        Console.WriteLine($"  {status,-7}  {t.Points,3} / {t.MaxPoints,-3}  {t.Name}");
        if (t.Status == TestStatus.Failed && t.Message.Length > 0)
            Console.WriteLine($"  {"",-7}             {t.Message.Split('\n')[0].Trim()}");
    }
    if (report.Output.Length > 0) Console.WriteLine(report.Output);
    Console.WriteLine($"Score: {report.Score} / {report.MaxScore} ({report.Outcome})");
}
