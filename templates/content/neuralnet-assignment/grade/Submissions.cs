using System.Xml.Linq;

namespace Grade;

/// <summary>
/// Grades a folder of submissions, one subfolder each (a student's copy of the assignment, or just their .cs files), with
/// the teacher's tests: for each, a scratch copy of the teacher's assignment gets the submission's Assignment/*.cs files
/// and nothing else, so a student's edits to the tests, the project files or the grader never count.
/// </summary>
public static class Submissions
{
    /// <summary>The folder of student code; only its .cs files are taken from a submission.</summary>
    public const string StudentFolder = "Assignment";

    /// <summary>What every stub file holds until it is solved.</summary>
    public const string StubMarker = "throw new NotImplementedException(\"Exercise";

    /// <summary>
    /// Grades each subfolder of <paramref name="submissions"/> (in ordinal order of their names) against the teacher's
    /// assignment in <paramref name="assignment"/>; writes each one's junit.xml and grade.json into
    /// <paramref name="output"/>/&lt;name&gt;/ and returns the reports.
    /// </summary>
    public static IReadOnlyList<GradeReport> GradeAll(string assignment, string submissions, string output, TimeSpan timeout, Action<GradeReport, TimeSpan> progress)
    {
        var table = PointsTable.Read(Path.Combine(assignment, "Assignment.Tests"));
        // A submission that lacks a file gets the teacher's copy of it: that must be the stub, never a worked solution.
        var solved = StudentFiles(Path.Combine(assignment, StudentFolder))
            .Where(f => !File.ReadAllText(Path.Combine(assignment, StudentFolder, f)).Contains(StubMarker, StringComparison.Ordinal)).ToList();
        if (solved.Count > 0)
            throw new InvalidOperationException(
                $"{Path.Combine(assignment, StudentFolder)} must hold the stubs as handed out, but {string.Join(", ", solved)} has no " +
                $"`{StubMarker}`: a submission without that file would be graded with it. Grade from a freshly created copy of the assignment.");
        // One scratch copy, reused: after the first submission only the student's code is recompiled.
        string work = Path.Combine(output, ".work");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        foreach (var item in new[] { "Assignment", "Assignment.Tests" })
            CopyFolder(Path.Combine(assignment, item), Path.Combine(work, item));
        foreach (var file in Directory.GetFiles(assignment).Where(f => Path.GetFileName(f) is "global.json" || Path.GetFileName(f).StartsWith("Directory.", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(work, Path.GetFileName(file)));
        if (File.Exists(Path.Combine(assignment, "nuget.config")))
            CopyNuGetConfig(Path.Combine(assignment, "nuget.config"), Path.Combine(work, "nuget.config"));
        var teachersCode = StudentFiles(Path.Combine(assignment, StudentFolder)).ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(assignment, StudentFolder, f)));

        var reports = new List<GradeReport>();
        foreach (var folder in Directory.GetDirectories(submissions).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(folder);
            if (name.StartsWith('.')) continue;
            string code = Path.Combine(work, StudentFolder);
            foreach (var file in StudentFiles(code)) File.Delete(Path.Combine(code, file));
            foreach (var (file, bytes) in teachersCode) Write(Path.Combine(code, file), bytes);
            string source = Directory.Exists(Path.Combine(folder, StudentFolder)) ? Path.Combine(folder, StudentFolder) : folder;
            foreach (var file in StudentFiles(source)) Write(Path.Combine(code, file), File.ReadAllBytes(Path.Combine(source, file)));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = TestRun.Grade(name, work, Path.Combine(output, name), table, timeout);
            Reports.WriteOne(report, Path.Combine(output, name));
            reports.Add(report);
            progress(report, clock.Elapsed);
        }
        return reports;
    }

    /// <summary>Copies nuget.config with each relative package source made absolute: relative to the original, as NuGet reads it.</summary>
    private static void CopyNuGetConfig(string from, string to)
    {
        var config = XDocument.Load(from);
        string folder = Path.GetDirectoryName(Path.GetFullPath(from))!;
        foreach (var source in config.Descendants("packageSources").Elements("add"))
            if (source.Attribute("value") is { } value && !value.Value.Contains("://", StringComparison.Ordinal) && !Path.IsPathRooted(value.Value))
                value.Value = Path.GetFullPath(Path.Combine(folder, value.Value));
        config.Save(to);
    }

    /// <summary>The .cs files under <paramref name="folder"/>, relative to it, outside bin/ and obj/.</summary>
    private static IEnumerable<string> StudentFiles(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => !IsBuildOutput(f))
            .Order(StringComparer.Ordinal);

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) is var parts && parts.Any(p => p is "bin" or "obj");

    /// <summary>Writes a file with the current time as its time stamp, so the incremental build always recompiles it.</summary>
    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "TestResults")))
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
