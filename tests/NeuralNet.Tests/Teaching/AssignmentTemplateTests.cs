using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NeuralNet.Tests.Packaging;
using Xunit.Abstractions;

namespace NeuralNet.Tests.Teaching;

/// <summary>
/// Issue 17 §1: the `dotnet new` assignment template installs from templates/, hands out stubs and no solution, its grader
/// gives the stubs 0 of 100 points and the reference solution (templates/solutions/) 100, and the teacher's batch
/// command grades a folder of submissions into one CSV and JSON with the teacher's tests.
/// </summary>
/// <remarks>
/// One run of the whole path (<see cref="GradedAssignment"/>) serves every test: nested `dotnet new`, `dotnet run` and
/// `dotnet test`: 125 s on the shared 2-core machine at a load average of about 25 (install 2.5 s, create 1.7 s, grade the
/// stubs 59 s, grade three submissions 60 s), the pack of the template 14 s more. They run with the packaging tests, after the parallel ones, and reuse the
/// package those pack. To skip them locally: <c>dotnet test --filter Category!=Packaging</c>; CI runs them.
/// </remarks>
[Collection(nameof(PackagingCollection))]
[Trait("Category", "Packaging")]
public class AssignmentTemplateTests(PackedLibrary packed, ITestOutputHelper output)
{
    private static readonly Lock Gate = new();
    private static GradedAssignment? _run;

    private static readonly string[] TestNames =
    [
        "Exercise1_ScaledTanh.Derivative_AtZero_IsScaleTimesSlope",
        "Exercise1_ScaledTanh.Derivative_MatchesTheCentralDifference_FromMinus4To4",
        "Exercise1_ScaledTanh.Backward_PassesTheGradientChecker",
        "Exercise2_Forward.Forward_OneSampleByHand_IsWxPlusB_ThenF",
        "Exercise2_Forward.Forward_ABatch_MatchesTheBuiltInLayer",
        "Exercise2_Forward.Forward_RejectsAnInputWithTheWrongNumberOfRows_NamingBoth",
        "Exercise3_Backward.Backward_BiasGradient_IsTheMeanOfDeltasColumns_BP3",
        "Exercise3_Backward.Backward_WeightGradient_IsDeltaTimesXTransposed_OverM_BP4",
        "Exercise3_Backward.Backward_InputGradient_IsWTransposedDelta_AndNullWhenNotAsked_BP2",
        "Exercise3_Network.GradientChecker_PassesForANetworkOfYourLayers",
        "Exercise3_Network.Trace_OfOneStep_MatchesTheBuiltInLayersTrace",
        "Exercise3_Network.Training_LearnsXor_AsTheBuiltInLayersDo",
    ];

    private GradedAssignment Run
    {
        get
        {
            packed.ShouldHavePacked();
            lock (Gate)
            {
                if (_run is null)
                {
                    _run = new GradedAssignment(packed);
                    output.WriteLine($"template install, create, grade the stubs and grade 3 submissions: {_run.Elapsed.TotalSeconds:F1} s " +
                        $"(install {_run.Install?.Elapsed.TotalSeconds:F1} s, create {_run.Create?.Elapsed.TotalSeconds:F1} s, " +
                        $"grade the stubs {_run.StubGrade?.Elapsed.TotalSeconds:F1} s, grade 3 submissions {_run.CourseGrade?.Elapsed.TotalSeconds:F1} s)");
                    output.WriteLine(_run.CourseGrade?.Output ?? "");
                }
            }
            _run.ShouldHaveRun();
            return _run;
        }
    }

    [Fact]
    public void Install_FromTheTemplatesFolder_OffersTheAssignmentTemplate()
    {
        Run.Install!.Output.ShouldContain("neuralnet-assignment", Case.Sensitive, Run.Install.ToString());
        Run.Create!.Output.ShouldContain("was created successfully", Case.Sensitive, Run.Create.ToString());
        File.ReadAllText(Path.Combine(Run.Assignment, "Directory.Packages.props"))
            .ShouldContain($"<PackageVersion Include=\"NeuralNet\" Version=\"{packed.Version}\" />");
        File.ReadAllText(Path.Combine(Run.Assignment, "nuget.config")).ShouldContain($"value=\"{GradedAssignment.RelativeFeed}\"");
        Path.GetFullPath(Path.Combine(Run.Assignment, GradedAssignment.RelativeFeed)).ShouldBe(Path.TrimEndingDirectorySeparator(packed.Feed));
    }

    [Fact]
    public void HandedOutCode_IsStubs_AndNoFileOfTheTemplateHoldsTheSolution()
    {
        Run.StubFiles.Keys.Order(StringComparer.Ordinal).ShouldBe(["DenseLayer.cs", "ScaledTanh.cs"]);
        Run.StubFiles["ScaledTanh.cs"].ShouldContain("throw new NotImplementedException(\"Exercise 1:");
        Run.StubFiles["DenseLayer.cs"].ShouldContain("throw new NotImplementedException(\"Exercise 2:");
        Run.StubFiles["DenseLayer.cs"].ShouldContain("throw new NotImplementedException(\"Exercise 3:");
        string[] solutionLines =
        [
            GradedAssignment.Bp3Line,
            "dZ.TransposeAndMultiply(_input).Divide(m, _dW);",
            "_activation.Backward(_z, _a, outputGradient, dZ);",
            "Slope * (Scale - a * a / Scale)",
        ];
        foreach (var line in solutionLines)
            Directory.GetFiles(Run.SolutionFolder, "*.cs").Any(f => File.ReadAllText(f).Contains(line, StringComparison.Ordinal))
                .ShouldBeTrue($"the reference solution should contain `{line}`");
        var handedOut = Directory.GetFiles(Path.Combine(Run.RepositoryRoot, "templates", "content"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Run.Assignment, "*.cs", SearchOption.AllDirectories));
        foreach (var file in handedOut)
            foreach (var line in solutionLines)
                File.ReadAllText(file).ShouldNotContain(line, Case.Sensitive, $"{file} gives the solution away");
    }

    [Fact]
    public void StudentsGradeCommand_GivesTheStubsZeroOfHundred_AsJUnitAndJson()
    {
        var json = Run.StubJson.ShouldNotBeNull(Run.StubGrade!.ToString()).RootElement;
        json.GetProperty("outcome").GetString().ShouldBe("graded");
        json.GetProperty("score").GetInt32().ShouldBe(0);
        json.GetProperty("max_score").GetInt32().ShouldBe(100);
        var tests = json.GetProperty("tests").EnumerateArray().ToList();
        tests.Select(t => t.GetProperty("name").GetString()).ShouldBe(TestNames);
        tests.ShouldAllBe(t => t.GetProperty("status").GetString() == "failed" && t.GetProperty("score").GetInt32() == 0);
        tests.Where(t => t.GetProperty("name").GetString()!.StartsWith("Exercise1_", StringComparison.Ordinal))
            .ShouldAllBe(t => t.GetProperty("output").GetString()!.Contains("Exercise 1:"));

        var junit = XDocument.Load(Path.Combine(Run.Assignment, "grade-results", "junit.xml")).Root!;
        ((int)junit.Attribute("tests")!).ShouldBe(12);
        ((int)junit.Attribute("failures")!).ShouldBe(12);
        junit.Descendants("testcase").Select(t => (string?)t.Attribute("name")).ShouldBe(TestNames);
        Run.StubGrade.Output.ShouldContain("Score: 0 / 100 (graded)");
    }

    [Fact]
    public void TeachersGradeCommand_GivesTheReferenceSolutionFullMarks_WithTheTeachersTests()
    {
        var full = Course("full-marks");
        full.GetProperty("outcome").GetString().ShouldBe("graded", Run.CourseGrade!.ToString());
        full.GetProperty("score").GetInt32().ShouldBe(100, full.ToString());
        full.GetProperty("tests").EnumerateArray().ShouldAllBe(t => t.GetProperty("status").GetString() == "passed");
    }

    [Fact]
    public void TeachersGradeCommand_FindsAPlantedBug_InExactlyTheTestsItBreaks()
    {
        // ∂C/∂b summed over the batch instead of averaged: BP3 is wrong, and so is every check that involves ∂C/∂b.
        var buggy = Course("bias-not-averaged");
        var failed = buggy.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("status").GetString() != "passed")
            .Select(t => t.GetProperty("name").GetString()).ToList();
        failed.ShouldBe([
            "Exercise3_Backward.Backward_BiasGradient_IsTheMeanOfDeltasColumns_BP3",
            "Exercise3_Network.GradientChecker_PassesForANetworkOfYourLayers",
            "Exercise3_Network.Trace_OfOneStep_MatchesTheBuiltInLayersTrace",
            "Exercise3_Network.Training_LearnsXor_AsTheBuiltInLayersDo",
        ], buggy.ToString());
        buggy.GetProperty("score").GetInt32().ShouldBe(65);
    }

    [Fact]
    public void TeachersGradeCommand_GivesCodeThatDoesNotCompile_ZeroWithTheCompilersError()
    {
        var broken = Course("does-not-compile");
        broken.GetProperty("outcome").GetString().ShouldBe("build failed");
        broken.GetProperty("score").GetInt32().ShouldBe(0);
        broken.GetProperty("max_score").GetInt32().ShouldBe(100);
        string compiler = broken.GetProperty("output").GetString()!;
        compiler.ShouldContain("DenseLayer.cs");
        compiler.ShouldContain("error CS");
        broken.GetProperty("tests").EnumerateArray().ShouldAllBe(t => t.GetProperty("status").GetString() == "not run");
    }

    [Fact]
    public void TeachersGradeCommand_RefusesATeachersCopyWithASolvedStub()
    {
        // A submission without ScaledTanh.cs would otherwise be graded with the teacher's solved one.
        var refused = Run.SolvedCopyGrade.ShouldNotBeNull();
        refused.ExitCode.ShouldBe(2, refused.ToString());
        var error = refused.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ShouldHaveSingleItem(refused.ToString());
        error.ShouldContain("ScaledTanh.cs");
        refused.Output.ShouldNotContain("   at ", Case.Sensitive, "a bad setup is a one-line error, not a stack trace");
        Directory.Exists(Path.Combine(Run.Root, "course-from-a-solved-copy", "full-marks")).ShouldBeFalse("nothing is graded");
    }

    [Fact]
    public void GradesCsv_HasOneRowPerSubmission_WithEachTestsPointsAndTheTotal()
    {
        var lines = File.ReadAllLines(Path.Combine(Run.CourseResults, "grades.csv"));
        lines.Length.ShouldBe(4);
        var header = lines[0].Split(',');
        header.First().ShouldBe("submission");
        header.Length.ShouldBe(2 + 12 + 2);
        header[2].ShouldBe("Exercise1_ScaledTanh.Derivative_AtZero_IsScaleTimesSlope (5)");
        header[^2..].ShouldBe(["score", "max_score"]);
        lines[1].ShouldBe("bias-not-averaged,graded,5,10,5,10,10,5,0,10,10,0,0,0,65,100");
        lines[2].ShouldBe("does-not-compile,build failed,0,0,0,0,0,0,0,0,0,0,0,0,0,100");
        lines[3].ShouldBe("full-marks,graded,5,10,5,10,10,5,10,10,10,10,10,5,100,100");
        var junit = XDocument.Load(Path.Combine(Run.CourseResults, "junit.xml")).Root!;
        junit.Elements("testsuite").Select(s => (string?)s.Attribute("name")).ShouldBe(["bias-not-averaged", "does-not-compile", "full-marks"]);
        File.Exists(Path.Combine(Run.CourseResults, "full-marks", "junit.xml")).ShouldBeTrue();
    }

    [Fact]
    public void PointsTable_InTheTeachersGuide_IsTheOneTheGraderUses()
    {
        var graded = Run.StubJson!.RootElement.GetProperty("tests").EnumerateArray()
            .Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("max_score").GetInt32())).ToList();
        string guide = File.ReadAllText(Path.Combine(Run.RepositoryRoot, "docs", "teaching.md"));
        var rows = Regex.Matches(guide, @"^\| *\d+ *\| *`([\w.]+)` *\| *(\d+) *\|", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        rows.ShouldBe(graded);
    }

    [Fact]
    public void TemplatePack_PacksTheTemplate_AndNotTheSolutions()
    {
        string feed = Path.Combine(packed.Root, "template-pack");
        var pack = DotNetCli.Run(packed.Root, GradedAssignment.Timeout,
            "pack", Path.Combine(packed.RepositoryRoot, "templates", "NeuralNet.Templates.csproj"), "-c", "Release", "-o", feed,
            "--artifacts-path", Path.Combine(packed.Root, "template-artifacts"), "-nodeReuse:false");
        pack.ExitCode.ShouldBe(0, pack.ToString());
        string package = Directory.GetFiles(feed, "*.nupkg").ShouldHaveSingleItem();
        Path.GetFileName(package).ShouldBe($"NeuralNet.Templates.{packed.Version}.nupkg");
        using var zip = ZipFile.OpenRead(package);
        var files = zip.Entries.Select(e => e.FullName).ToList();
        files.ShouldContain("content/neuralnet-assignment/.template.config/template.json");
        files.ShouldContain("content/neuralnet-assignment/Assignment/DenseLayer.cs");
        files.ShouldContain("content/neuralnet-assignment/grade/Program.cs");
        files.ShouldNotContain(f => f.Contains("solutions", StringComparison.OrdinalIgnoreCase) || f.Contains("/bin/") || f.Contains("/obj/"));
        files.ShouldNotContain(f => f.StartsWith("lib/", StringComparison.Ordinal));
    }

    private JsonElement Course(string submission)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run.CourseResults, "grades.json"))).RootElement;
        var matches = json.EnumerateArray().Where(s => s.GetProperty("submission").GetString() == submission).ToList();
        matches.Count.ShouldBe(1, $"grades.json should hold {submission} once; the grader printed:\n{Run.CourseGrade}");
        return matches[0];
    }
}
