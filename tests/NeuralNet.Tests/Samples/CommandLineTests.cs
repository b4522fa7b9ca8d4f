using System.Diagnostics;
using System.Reflection;
using NeuralNet.Serialization;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Samples;

/// <summary>
/// Issue 16, items 1, 9 and 14: every option of every sample, given a non-number, a negative, zero, huge or infinite value,
/// an empty, missing or wrong-kind path, ends in one line <c>error: …</c> on stderr with exit code 2 (a usage error) or
/// 1 (a failure while running), and never a stack trace. Most cases call the sample's entry point in this process (fast);
/// a few run its dll as a real process, for the exit code and stderr as a user sees them.
/// </summary>
[Collection("Console")]
public class CommandLineTests
{
    private static readonly Assembly Mnist = Assembly.Load("Mnist");
    private static readonly Assembly Xor = Assembly.Load("Xor");
    private static readonly Assembly Lab = typeof(VanishingGradient.LabOptions).Assembly;

    /// <summary>Runs the entry point with stdout discarded; returns the exit code and the stderr lines.</summary>
    private static (int ExitCode, string[] Errors) Run(Assembly sample, params string[] args) =>
        Capture(() =>
        {
            try
            {
                return (int)sample.EntryPoint!.Invoke(null, [args])!;
            }
            catch (TargetInvocationException e)
            {
                throw new Xunit.Sdk.XunitException($"{sample.GetName().Name} {string.Join(' ', args)} threw {e.InnerException}");
            }
        });

    /// <summary>Runs <paramref name="run"/> with stdout discarded and stderr captured.</summary>
    private static (int ExitCode, string[] Errors) Capture(Func<int> run)
    {
        var error = new StringWriter();
        var (standardError, standardOutput) = (Console.Error, Console.Out);
        int exitCode;
        try
        {
            Console.SetError(error);
            Console.SetOut(TextWriter.Null);
            exitCode = run();
        }
        finally
        {
            Console.SetError(standardError);
            Console.SetOut(standardOutput);
        }
        return (exitCode, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static void ShouldFailInOneLine((int ExitCode, string[] Errors) result, int exitCode, string? mention = null)
    {
        result.Errors.Length.ShouldBe(1, string.Join("\n", result.Errors));
        result.Errors[0].ShouldStartWith("error: ");
        if (mention is not null) result.Errors[0].ShouldContain(mention);
        result.Errors[0].ShouldNotContain("   at ");
        result.ExitCode.ShouldBe(exitCode);
    }

    /// <summary>Non-numbers, hexadecimal, overflowing, infinite, NaN, huge and empty values for each option; "-1" where negatives are invalid.</summary>
    private static TheoryData<string, string> BadNumbers(string[] options, string[] negativeAllowed, string[] hugeAllowed, string[] emptyAllowed)
    {
        var data = new TheoryData<string, string>();
        foreach (var option in options)
            foreach (var value in new[] { "banana", "-1", "0x10", "1e400", "Infinity", "-Infinity", "NaN", "99999999999999999999", "" })
            {
                if (value == "-1" && negativeAllowed.Contains(option)) continue;
                if (value == "99999999999999999999" && hugeAllowed.Contains(option)) continue;   // a learning rate of 1e20 is legal (and warned about)
                if (value == "" && emptyAllowed.Contains(option)) continue;                     // --hidden "": no hidden layer
                data.Add(option, value);
            }
        return data;
    }

    public static TheoryData<string, string> MnistNumbers => BadNumbers(
        ["--epochs", "--batch-size", "--learning-rate", "--momentum", "--weight-decay", "--shift", "--seed", "--validation", "--train", "--hidden"],
        negativeAllowed: ["--seed"], hugeAllowed: ["--learning-rate", "--weight-decay"], emptyAllowed: ["--hidden"]);

    [Theory]
    [MemberData(nameof(MnistNumbers))]
    public void Mnist_RejectsABadNumber(string option, string value) =>
        ShouldFailInOneLine(Run(Mnist, option, value), 2, option);

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--batch-size", "0")]
    [InlineData("--learning-rate", "0")]
    [InlineData("--learning-rate", "-0.5")]
    [InlineData("--momentum", "1")]
    [InlineData("--weight-decay", "-1")]
    [InlineData("--shift", "5")]
    [InlineData("--train", "0")]
    [InlineData("--hidden", "3000000")]
    [InlineData("--hidden", "100,0")]
    [InlineData("--activation", "swish")]
    [InlineData("--loss", "hinge")]
    [InlineData("--optimizer", "lbfgs")]
    [InlineData("--schedule", "random")]
    [InlineData("--initializer", "zeros")]
    [InlineData("--save", "")]
    [InlineData("--load", "")]
    [InlineData("--export-onnx", " ")]
    public void Mnist_RejectsAnOutOfRangeValue(string option, string value) =>
        ShouldFailInOneLine(Run(Mnist, option, value), 2, option);

    [Fact]
    public void Mnist_RejectsMissingValuesUnknownOptionsAndContradictions()
    {
        ShouldFailInOneLine(Run(Mnist, "--epochs"), 2, "--epochs");
        ShouldFailInOneLine(Run(Mnist, "--unknown"), 2, "--unknown");
        ShouldFailInOneLine(Run(Mnist, "--validation", "100", "--train", "100"), 2, "--validation must be smaller than --train");
    }

    [Fact]
    public void Mnist_RejectsWrongKindsOfPathsBeforeTraining()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plain.txt"), "not a model");
        ShouldFailInOneLine(Run(Mnist, "--load", dir.Path), 2, "is a folder");
        ShouldFailInOneLine(Run(Mnist, "--load", dir.File("missing.json")), 2, "there is no file");
        ShouldFailInOneLine(Run(Mnist, "--save", dir.Path), 2, "it is a folder");
        ShouldFailInOneLine(Run(Mnist, "--save", Path.Combine(dir.File("plain.txt"), "m.json")), 2, "is a file, not a folder");
        ShouldFailInOneLine(Run(Mnist, "--export-onnx", dir.Path), 2, "--export-onnx");
        ShouldFailInOneLine(Run(Mnist, "--load", dir.File("plain.txt")), 1, "not a valid model file");
    }

    [Fact]
    public void Mnist_RejectsAModelOfTheWrongShape()
    {
        using var dir = new TempDirectory();
        new Network(new Layer(2, 1, new NeuralNet.Activations.Sigmoid())).Save(dir.File("xor.json"));
        ShouldFailInOneLine(Run(Mnist, "--load", dir.File("xor.json")), 1, "this sample needs 784 pixels in and 10 digits out");
    }

    public static TheoryData<string, string> LabNumbers => BadNumbers(
        ["--seeds", "--sample", "--epochs", "--train", "--batch-size", "--learning-rate", "--seed"],
        negativeAllowed: ["--seed"], hugeAllowed: ["--learning-rate"], emptyAllowed: []);

    [Theory]
    [MemberData(nameof(LabNumbers))]
    public void VanishingGradient_RejectsABadNumber(string option, string value) =>
        ShouldFailInOneLine(Run(Lab, option, value), 2, option);

    [Theory]
    [InlineData("--depths", "1")]
    [InlineData("--depths", "banana")]
    [InlineData("--configs", "")]
    [InlineData("--configs", "relu+glorot")]
    [InlineData("--output", "")]
    [InlineData("--epochs", "1001")]
    [InlineData("--unknown", "1")]
    public void VanishingGradient_RejectsABadValue(string option, string value) =>
        ShouldFailInOneLine(Run(Lab, option, value), 2, option);

    [Fact]
    public void VanishingGradient_RejectsAnOutputThatIsAFileOrBelowOne()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plain"), "x");
        ShouldFailInOneLine(Run(Lab, "--output", dir.File("plain")), 2, "is a file");
        ShouldFailInOneLine(Run(Lab, "--output", Path.Combine(dir.File("plain"), "plots")), 2, "--output");
    }

    [Fact]
    public void Xor_RejectsUnknownOptionsAndAcceptsHelp()
    {
        ShouldFailInOneLine(Run(Xor, "--epochs", "5"), 2, "--epochs");
        ShouldFailInOneLine(Run(Xor, "banana"), 2, "banana");
        ShouldFailInOneLine(Run(Xor, "--trace", "yes"), 2);
        Run(Xor, "--help").ExitCode.ShouldBe(0);
        Run(Xor, "--help").Errors.ShouldBeEmpty();
    }

    // Item 1: a save that fails after training (the disk filled up, the folder was removed) must not lose the model.
    [Fact]
    public void Mnist_WhenSavingFailsAfterTraining_KeepsTheModelElsewhereAndSaysWhere()
    {
        using var dir = new TempDirectory();
        var write = Mnist.GetType("SaveOrKeep")!.GetMethod("Write")!;
        Action<string> save = path =>
        {
            if (!path.StartsWith(dir.Path)) throw new IOException($"Cannot write {path}: No space left on device");
            File.WriteAllText(path, "the model");
        };
        var (exitCode, errors) = Capture(() =>
            (int)write.Invoke(null, ["/full-disk/model.json", "json", save, "saved to", "", new[] { "/no-such-folder", dir.Path }])!);
        exitCode.ShouldBe(1);
        string kept = Directory.GetFiles(dir.Path, "mnist-*.json").ShouldHaveSingleItem();
        File.ReadAllText(kept).ShouldBe("the model");
        errors.ShouldHaveSingleItem().ShouldBe($"error: Cannot write /full-disk/model.json: No space left on device The model was kept in {kept}.");
    }

    // The same as a user sees it: a real process, its exit code and its stderr.
    [Theory]
    [InlineData("Mnist", "--epochs banana", 2)]
    [InlineData("Mnist", "--learning-rate Infinity", 2)]
    [InlineData("VanishingGradient", "--seeds -1", 2)]
    [InlineData("Xor", "--nonsense", 2)]
    public void Sample_AsAProcess_PrintsOneErrorLineAndNoStackTrace(string sample, string arguments, int exitCode)
    {
        var (code, output, errors) = Process(sample, arguments);
        code.ShouldBe(exitCode);
        errors.Trim().Split('\n').Length.ShouldBe(1, errors);
        errors.ShouldStartWith("error: ");
        errors.ShouldNotContain("   at ");
        output.ShouldBeEmpty();
    }

    // Item 14: redirected to a file, the live table was redrawn at every epoch; and a saturated network ended quietly.
    [Fact]
    public void Mnist_WithRedirectedOutput_PrintsOnePlainRowPerEpochAndWarnsOfSaturation()
    {
        var (code, output, errors) = Process("Mnist", "--epochs 3 --train 120 --hidden 8 --activation sigmoid --loss mse --learning-rate 1e300 --shift 0");
        code.ShouldBe(0, errors);
        var lines = output.Split('\n');
        lines.Count(l => l.StartsWith("1/3 ") || l.StartsWith("2/3 ") || l.StartsWith("3/3 ")).ShouldBe(3, output);
        output.ShouldNotContain("╭");      // no live table
        errors.ShouldContain("warning: the network");
        errors.ShouldContain("saturated");
    }

    private static (int ExitCode, string Output, string Errors) Process(string sample, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, sample + ".dll")}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }
}
