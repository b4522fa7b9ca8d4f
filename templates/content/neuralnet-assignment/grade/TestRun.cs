using System.Diagnostics;
using System.Text;

namespace Grade;

/// <summary>Runs an assignment's tests with <c>dotnet test</c> in a child process and grades them with the points table.</summary>
public static class TestRun
{
    /// <summary>The tests project, relative to the assignment folder.</summary>
    public const string TestsProject = "Assignment.Tests/Assignment.Tests.csproj";

    /// <summary>
    /// Builds and runs the tests of the assignment in <paramref name="assignment"/>, writes the TRX file into
    /// <paramref name="resultsFolder"/>, and grades every test of <paramref name="table"/>: a test that did not run gets 0.
    /// </summary>
    public static GradeReport Grade(string submission, string assignment, string resultsFolder, IReadOnlyList<PointsTable.Row> table, TimeSpan timeout)
    {
        Directory.CreateDirectory(resultsFolder);
        string trx = Path.Combine(resultsFolder, "results.trx");
        File.Delete(trx);
        var (exitCode, output, timedOut) = Dotnet(assignment, timeout,
            "test", TestsProject, "--logger", "trx;LogFileName=results.trx", "--results-directory", resultsFolder, "-nodeReuse:false");

        var results = File.Exists(trx) ? TrxResults.Read(trx) : new Dictionary<string, TrxResults.Result>();
        string outcome = timedOut ? "timed out"
            : results.Count > 0 ? "graded"
            : output.Contains("error CS", StringComparison.Ordinal) || output.Contains("Build FAILED", StringComparison.OrdinalIgnoreCase) ? "build failed"
            : "no results";
        string why = outcome switch
        {
            "timed out" => $"not run: the tests did not finish within {timeout.TotalSeconds:F0} s",
            "build failed" => "not run: the code does not compile",
            _ => "not run: no result for this test (the test run crashed?)",
        };
        var tests = table.Select(row => results.TryGetValue(row.Name, out var r)
            ? new GradedTest(row.Name, row.ClassName, row.Points, r.Passed ? TestStatus.Passed : TestStatus.Failed, r.Seconds, r.Passed ? "" : r.Message)
            : new GradedTest(row.Name, row.ClassName, row.Points, TestStatus.NotRun, 0, why)).ToList();
        return new GradeReport(submission, outcome, tests, outcome == "graded" ? "" : BuildErrors(output, exitCode));
    }

    /// <summary>The compiler's error lines if there are any (what a student needs to see), else the whole output.</summary>
    private static string BuildErrors(string output, int exitCode)
    {
        var errors = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
        return errors.Count > 0 ? string.Join('\n', errors) : $"dotnet test exited with {exitCode}:\n{output}";
    }

    /// <summary>Runs <c>dotnet</c>; kills the process tree after <paramref name="timeout"/>.</summary>
    private static (int ExitCode, string Output, bool TimedOut) Dotnet(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet run` starts the grader from inside a build: its MSBuild variables would point the child build at that one.
        foreach (var name in start.Environment.Keys.ToArray())
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool finished = process.WaitForExit(timeout);
        if (!finished)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* it has just exited */ }
        }
        process.WaitForExit();
        lock (output) return (finished ? process.ExitCode : -1, output.ToString(), !finished);
    }
}
