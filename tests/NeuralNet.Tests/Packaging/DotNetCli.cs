using System.Diagnostics;
using System.Text;

namespace NeuralNet.Tests.Packaging;

/// <summary>Runs the <c>dotnet</c> command line as a child process, for the tests that pack and consume the library.</summary>
public static class DotNetCli
{
    /// <summary>The host that runs these tests if the SDK says which (DOTNET_HOST_PATH), else <c>dotnet</c> from PATH.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>What a finished command printed (standard output and error, interleaved as they arrived) and its exit code.</summary>
    public sealed record Result(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s; its output:\n{Output}";
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; kills the whole
    /// process tree and throws <see cref="TimeoutException"/> (with the output so far) if it takes longer than
    /// <paramref name="timeout"/>.</summary>
    public static Result Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        Run(workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="Run(string, TimeSpan, string[])"/>, with extra environment variables for the child process.</summary>
    public static Result Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
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

        // `dotnet test` runs the tests inside an MSBuild build, whose variables would point a child build at that
        // build's state: the child starts from the user's plain environment instead.
        foreach (var name in start.Environment.Keys.ToArray())
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";   // no MSBuild worker left running after the test
        start.Environment["NUGET_XMLDOC_MODE"] = "skip";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string commandLine = "dotnet " + string.Join(' ', arguments);
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* it has just exited */ }
            process.WaitForExit();
            lock (output) throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:F0} s; its output so far:\n{output}");
        }
        process.WaitForExit();   // drains the asynchronous readers
        lock (output) return new Result(commandLine, process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
