using System.Diagnostics;
using System.Text.Json;
using NeuralNet.Tests.Packaging;

namespace NeuralNet.Tests.Teaching;

/// <summary>
/// The teacher's and the student's path through the assignment template, done once for all of <see cref="AssignmentTemplateTests"/>:
/// install templates/ into a private template cache (<c>--debug:custom-hive</c>, so the machine's is untouched), create the
/// assignment against the NeuralNet package just packed (<see cref="PackedLibrary"/>'s local feed), grade the bare stubs
/// with the student's command, then grade three fake submissions with the teacher's command: the reference solution (with a
/// tampered test file beside it, which must be ignored), the reference with a planted bug, and code that does not compile.
/// </summary>
/// <remarks>
/// Every folder lives under <see cref="PackedLibrary.Root"/>, which the packaging fixture deletes at the end. Restores use a
/// fresh packages folder, so the NeuralNet package comes from the local feed; the machine's package cache serves the other
/// packages (xunit, the test SDK) as a fallback folder, unless it holds a NeuralNet of the same version that could mask it.
/// </remarks>
public sealed class GradedAssignment
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The solution's BP3 line and its planted bug: the bias gradient summed over the batch but not averaged.</summary>
    public const string Bp3Line = "dZ.RowSums().Divide(m, _db);", Bp3Bug = "dZ.RowSums().CopyTo(_db);";

    public GradedAssignment(PackedLibrary packed)
    {
        var clock = Stopwatch.StartNew();
        RepositoryRoot = packed.RepositoryRoot;
        Root = Path.Combine(packed.Root, "teaching");
        Assignment = Path.Combine(Root, "assignment");
        Submissions = Path.Combine(Root, "submissions");
        CourseResults = Path.Combine(Root, "course");
        string hive = Path.Combine(Root, "hive"), packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(packages);
        Environment = Restore(packages, packed.Version);

        Install = DotNetCli.Run(Root, Timeout, Environment, "new", "install", Path.Combine(RepositoryRoot, "templates"), "--debug:custom-hive", hive);
        if (Install.ExitCode != 0) return;
        Create = DotNetCli.Run(Root, Timeout, Environment, "new", "neuralnet-assignment", "-o", Assignment,
            "--feed", RelativeFeed, "--neuralnet-version", packed.Version, "--debug:custom-hive", hive);
        if (Create.ExitCode != 0) return;
        StubFiles = Directory.GetFiles(Path.Combine(Assignment, "Assignment"), "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        // The student's command, on the code as handed out.
        StubGrade = DotNetCli.Run(Assignment, Timeout, Environment, "run", "--project", "grade");
        if (File.Exists(Path.Combine(Assignment, "grade-results", "grade.json")))
            StubJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(Assignment, "grade-results", "grade.json")));

        WriteSubmissions();
        // The teacher's command, on a folder of submissions (the grader is built: the student's command built it).
        CourseGrade = DotNetCli.Run(Assignment, Timeout, Environment,
            "run", "--project", "grade", "--no-build", "--", "--submissions", Submissions, "--output", CourseResults);
        // The teacher's copy must hold the stubs: here it has a solved ScaledTanh.cs, which the grader refuses.
        File.Copy(Path.Combine(SolutionFolder, "ScaledTanh.cs"), Path.Combine(Assignment, "Assignment", "ScaledTanh.cs"), overwrite: true);
        SolvedCopyGrade = DotNetCli.Run(Assignment, Timeout, Environment,
            "run", "--project", "grade", "--no-build", "--", "--submissions", Submissions, "--output", Path.Combine(Root, "course-from-a-solved-copy"));
        File.WriteAllText(Path.Combine(Assignment, "Assignment", "ScaledTanh.cs"), StubFiles["ScaledTanh.cs"]);
        Elapsed = clock.Elapsed;
    }

    public string RepositoryRoot { get; }
    public string Root { get; }
    public string Assignment { get; }
    public string Submissions { get; }
    public string CourseResults { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public DotNetCli.Result? Install { get; }
    public DotNetCli.Result? Create { get; }
    public DotNetCli.Result? StubGrade { get; }
    public DotNetCli.Result? CourseGrade { get; }
    public DotNetCli.Result? SolvedCopyGrade { get; }
    public JsonDocument? StubJson { get; }
    public IReadOnlyDictionary<string, string> StubFiles { get; } = new Dictionary<string, string>();
    public TimeSpan Elapsed { get; }

    /// <summary>The local feed as a path relative to the assignment folder (where nuget.config is): the batch grader,
    /// which grades in a scratch copy elsewhere, must still find it.</summary>
    public static string RelativeFeed => Path.Combine("..", "..", "feed");

    public string SolutionFolder => Path.Combine(RepositoryRoot, "templates", "solutions", "neuralnet-assignment", "Assignment");

    /// <summary>Three fake students: full-marks, bias-not-averaged (a flat folder of .cs files), does-not-compile.</summary>
    private void WriteSubmissions()
    {
        string full = Path.Combine(Submissions, "full-marks", "Assignment");
        Directory.CreateDirectory(full);
        foreach (var file in Directory.GetFiles(SolutionFolder, "*.cs")) File.Copy(file, Path.Combine(full, Path.GetFileName(file)));
        // A student's own copy of the tests: if the grader used it, this submission would not even compile.
        string tampered = Path.Combine(Submissions, "full-marks", "Assignment.Tests");
        Directory.CreateDirectory(tampered);
        File.WriteAllText(Path.Combine(tampered, "Exercise2_Forward.cs"), "this file is not C#: the grader must use the teacher's tests\n");

        string buggy = Path.Combine(Submissions, "bias-not-averaged");
        Directory.CreateDirectory(buggy);
        File.Copy(Path.Combine(SolutionFolder, "ScaledTanh.cs"), Path.Combine(buggy, "ScaledTanh.cs"));
        string dense = File.ReadAllText(Path.Combine(SolutionFolder, "DenseLayer.cs"));
        if (!dense.Contains(Bp3Line, StringComparison.Ordinal))
            throw new InvalidOperationException($"The reference DenseLayer.cs no longer contains `{Bp3Line}`: update {nameof(Bp3Line)}.");
        File.WriteAllText(Path.Combine(buggy, "DenseLayer.cs"), dense.Replace(Bp3Line, Bp3Bug, StringComparison.Ordinal));

        string broken = Path.Combine(Submissions, "does-not-compile", "Assignment");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "DenseLayer.cs"), StubFiles["DenseLayer.cs"].Replace("public Matrix<double> Forward(", "public Matrix<double> Forward(int oops, ", StringComparison.Ordinal));
    }

    /// <summary>A fresh packages folder, with the machine's package cache as a fallback unless it holds this NeuralNet version.</summary>
    private static Dictionary<string, string> Restore(string packages, string version)
    {
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };
        string cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(cache) && !Directory.Exists(Path.Combine(cache, "neuralnet", version.ToLowerInvariant())))
            environment["NUGET_FALLBACK_PACKAGES"] = cache;
        return environment;
    }

    public void ShouldHaveRun()
    {
        Install.ShouldNotBeNull().ExitCode.ShouldBe(0, Install.ToString());
        Create.ShouldNotBeNull().ExitCode.ShouldBe(0, Create.ToString());
        StubGrade.ShouldNotBeNull().ExitCode.ShouldBe(0, StubGrade.ToString());
        CourseGrade.ShouldNotBeNull().ExitCode.ShouldBe(0, CourseGrade.ToString());
    }
}
