using System.Diagnostics;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Estimators;

/// <summary>samples/Tabular on any CSV file: ends with "test accuracy:" or "test r2:"; a bad file or column is one line of error and exit code 1.</summary>
public class TabularSampleTests
{
    /// <summary>Runs Tabular.dll (copied beside the tests by the project reference) in a new process.</summary>
    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tabular.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static readonly string Wine = Path.Combine(AppContext.BaseDirectory, "data", "wine.csv");

    [Fact]
    public void Csv_Classification_EndsWithTheTestAccuracy()
    {
        var (exit, output, _) = Run("--csv", Wine, "--label", "cultivar", "--seed", "1");
        exit.ShouldBe(0);
        output.TrimEnd().Split('\n')[^1].ShouldMatch(@"^test accuracy: [01]\.\d{4}$");
    }

    [Fact]
    public void Csv_Regression_EndsWithTheTestR2()
    {
        var (exit, output, _) = Run("--csv", Path.Combine(AppContext.BaseDirectory, "data", "diabetes.csv"), "--label", "progression", "--task", "regression");
        exit.ShouldBe(0);
        output.TrimEnd().Split('\n')[^1].ShouldMatch(@"^test r2: -?[01]\.\d{4}$");
    }

    [Theory]
    [InlineData("no-such-file.csv", "cultivar", "no such file")]
    [InlineData("WINE", "colour", "no column \"colour\"")]
    [InlineData("WINE", "--bogus", "needs")]
    public void BadFileOrColumn_IsOneErrorLine_AndExitCode1(string file, string label, string message)
    {
        using var dir = new TempDirectory();
        var (exit, _, error) = Run("--csv", file == "WINE" ? Wine : dir.File(file), "--label", label);
        if (label == "--bogus") (exit, _, error) = Run("--csv", Wine, "--label");
        exit.ShouldBe(1);
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
        error.ShouldStartWith("error: ");
        error.ShouldContain(message);
        error.ShouldNotContain("   at ");    // no stack trace
    }

    [Fact]
    public void Csv_NonNumericFeature_NamesLineAndColumn()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.csv"), "a,b,y\n1,2,p\n3,x,q\n");
        var (exit, _, error) = Run("--csv", dir.File("bad.csv"), "--label", "y");
        exit.ShouldBe(1);
        error.ShouldContain("line 3, column 2 (\"b\"): \"x\" is not a number");
    }
}
