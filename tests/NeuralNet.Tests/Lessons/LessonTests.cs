using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuralNet.Tests.Packaging;

namespace NeuralNet.Tests.Lessons;

/// <summary>
/// Every lesson in lessons/, compiled and run once for the whole class. `dotnet run lessons/NN-name.cs` costs a
/// separate build of a project per lesson (about 5 s each on an idle 2-core machine, 20 s under load, over 2 minutes for
/// the set), so the lessons are compiled here with Roslyn, against the assemblies this test project already references
/// (NeuralNet, LessonPlots, ScottPlot), and their entry points run in this process, one after the other, with the
/// console captured: about 15 s for the set. <see cref="LessonTests.Lesson01_RunsWithDotnetRunFromTheRepositoryRoot"/>
/// runs one lesson the student's way, which proves the #: directives.
/// </summary>
public sealed class LessonRuns : IDisposable
{
    /// <summary>The repository root (the folder holding NeuralNet.sln).</summary>
    public string Root { get; } = FindRoot();

    /// <summary>Where the lessons' plots go for this run (LESSON_OUTPUT).</summary>
    public string Output { get; } = Path.Combine(Path.GetTempPath(), "neuralnet-lessons-" + Guid.NewGuid().ToString("N"));

    /// <summary>What each lesson printed (or the exception it threw), by file name without extension.</summary>
    public IReadOnlyDictionary<string, string> Printed { get; }

    /// <summary>How long compiling and running each lesson took.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Elapsed { get; }

    public LessonRuns()
    {
        var printed = new Dictionary<string, string>();
        var elapsed = new Dictionary<string, TimeSpan>();
        var references = References();
        Environment.SetEnvironmentVariable("LESSON_OUTPUT", Output);
        var (console, culture) = (Console.Out, CultureInfo.CurrentCulture);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Root, "lessons"), "*.cs").Order())
            {
                var clock = Stopwatch.StartNew();
                var output = new StringWriter();
                Console.SetOut(output);
                try
                {
                    Compile(file, references).EntryPoint!.Invoke(null, [Array.Empty<string>()]);
                }
                catch (Exception e)
                {
                    output.WriteLine($"lesson failed: {(e is TargetInvocationException { InnerException: { } inner } ? inner : e)}");
                }
                printed[Path.GetFileNameWithoutExtension(file)] = output.ToString();
                elapsed[Path.GetFileNameWithoutExtension(file)] = clock.Elapsed;
            }
        }
        finally
        {
            Console.SetOut(console);
            CultureInfo.CurrentCulture = culture;
            Environment.SetEnvironmentVariable("LESSON_OUTPUT", null);
        }
        Printed = printed;
        Elapsed = elapsed;
    }

    /// <summary>
    /// Compiles a file-based program as `dotnet run` would, with the SDK's implicit usings for a console app; its #:
    /// lines become comments (their projects are this test project's references), so line numbers stay the file's.
    /// </summary>
    static Assembly Compile(string file, ImmutableArray<MetadataReference> references)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        string code = string.Join('\n', File.ReadLines(file).Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "//" + l : l));
        string[] usings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(string.Concat(usings.Select(u => $"global using {u};\n")), options, "GlobalUsings.cs", Encoding.UTF8),
            CSharpSyntaxTree.ParseText(code, options, file, Encoding.UTF8),
        };
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(file), trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning).ToArray();
        if (problems.Length > 0)   // the lessons build with warnings as errors (Directory.Build.props), so a warning fails here too
            throw new InvalidOperationException($"{file} does not compile:\n{string.Join('\n', problems.Select(d => d.ToString()))}");
        image.Position = 0;
        return new AssemblyLoadContext(Path.GetFileName(file), isCollectible: true).LoadFromStream(image);
    }

    /// <summary>The runtime's trusted platform assemblies: the framework and every assembly this test project ships with.</summary>
    static ImmutableArray<MetadataReference> References() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"NeuralNet.sln not found above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Output, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The lessons capture the console: nothing else may run (and print) while they do.</summary>
[CollectionDefinition(nameof(LessonCollection), DisableParallelization = true)]
public sealed class LessonCollection : ICollectionFixture<LessonRuns>;

/// <summary>Every lesson runs, prints what to notice and the numbers that lessons/README.md quotes, and writes its plot.</summary>
[Collection(nameof(LessonCollection))]
public class LessonTests(LessonRuns runs)
{
    /// <summary>
    /// Each lesson, a line it prints (a regular expression whose group 1 is a number), and the range that number must lie in.
    /// The ranges are tight: every lesson is seeded, so these are the numbers lessons/README.md quotes.
    /// </summary>
    public static TheoryData<string, string, double, double> KeyNumbers => new()
    {
        { "01-sigmoid", @"max σ′ = ([\d.]+) at z = 0\.00", 0.25, 0.25 },
        { "01-sigmoid", @"agrees with the central difference to ([\d.E+-]+)", 0, 1e-9 },
        { "02-one-neuron", @"held-out accuracy: ([\d.]+)", 0.955, 0.965 },
        { "02-one-neuron", @"δ − \(a − y\) over 8 digits: largest \|difference\| = ([\d.E+-]+)", 0, 0 },
        { "03-xor", @"final cost without a hidden layer: ([\d.]+)", 0.1245, 0.1255 },
        { "03-xor", @"final cost with 3 hidden units: +([\d.]+)", 0, 0.0001 },
        { "04-backprop-by-hand", @"largest \|by hand − trace\| over C and all 13 gradients: ([\d.E+-]+)", 0, 1e-15 },
        { "04-backprop-by-hand", @"over the 9 weights: ([\d.E+-]+)", 0, 1e-6 },
        { "05-vanishing-gradients", @"first/last ‖∂C/∂b‖ \(geometric mean over seeds\): ([\d.]+)", 0.0076, 0.0086 },
        { "06-remedies", @"first/last sigmoid \+ LeCun \(lesson 5\): ([\d.]+)", 0.010, 0.025 },
        { "06-remedies", @"first/last ReLU \+ He: ([\d.]+)", 2.4, 2.7 },
        { "07-training-deep-networks", @"epoch 1 accuracy, sigmoid: ([\d.]+)", 0.095, 0.105 },
        { "07-training-deep-networks", @"epoch 1 accuracy, sigmoid: [\d.]+, ReLU: ([\d.]+)", 0.86, 0.875 },
    };

    [Theory]
    [MemberData(nameof(KeyNumbers))]
    public void Lesson_PrintsItsKeyNumber(string lesson, string pattern, double low, double high)
    {
        string printed = runs.Printed[lesson];
        var match = Regex.Match(printed, pattern);
        match.Success.ShouldBeTrue($"{lesson} printed no line matching /{pattern}/; it printed:\n{printed}");
        double value = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        value.ShouldBeInRange(low, high, $"{lesson}: {match.Value}");
    }

    [Fact]
    public void EveryLesson_RunsPrintsWhatToNoticeAndWritesItsPlot()
    {
        runs.Printed.Count.ShouldBeInRange(6, 8);
        foreach (var (lesson, printed) in runs.Printed)
        {
            printed.ShouldNotContain("lesson failed:", customMessage: printed);
            printed.ShouldContain("What to notice:", customMessage: lesson);
            File.Exists(Path.Combine(runs.Output, lesson + ".png")).ShouldBeTrue($"{lesson} wrote no {lesson}.png; it printed:\n{printed}");
        }
        Console.WriteLine(string.Join(", ", runs.Elapsed.Select(e => $"{e.Key} {e.Value.TotalSeconds:F1} s")));
    }

    [Fact]
    public void EveryLesson_ReferencesTheLibraryRelativeToItsOwnFolder()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(runs.Root, "lessons"), "*.cs"))
        {
            var projects = File.ReadLines(file).Where(l => l.StartsWith("#:project ", StringComparison.Ordinal)).Select(l => l["#:project ".Length..].Trim()).ToArray();
            projects.ShouldContain("../src/NeuralNet/NeuralNet.csproj", customMessage: file);
            foreach (var project in projects)
                File.Exists(Path.Combine(Path.GetDirectoryName(file)!, project)).ShouldBeTrue($"{file}: #:project {project} does not exist");
        }
    }

    [Fact]
    public void Lesson01_RunsWithDotnetRunFromTheRepositoryRoot()
    {
        var result = DotNetCli.Run(runs.Root, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["LESSON_OUTPUT"] = runs.Output + "-cli" },
            "run", "lessons/01-sigmoid.cs");
        try
        {
            result.ExitCode.ShouldBe(0, result.ToString());
            result.Output.ShouldContain("max σ′ = 0.2500 at z = 0.00", customMessage: result.ToString());
            File.Exists(Path.Combine(runs.Output + "-cli", "01-sigmoid.png")).ShouldBeTrue(result.ToString());
        }
        finally
        {
            try { Directory.Delete(runs.Output + "-cli", recursive: true); } catch (IOException) { }
        }
    }
}
