using NeuralNet.Data;
using VanishingGradient;

namespace NeuralNet.Tests.Samples;

/// <summary>
/// The vanishing-gradient lab (samples/VanishingGradient): its measurement reproduces Nielsen's pattern on real digits,
/// its configurations parse as documented, and its command line rejects bad values. The library-level pattern on random
/// inputs is tested in <see cref="VanishingGradientTests"/>.
/// </summary>
[Collection("Console")]   // it redirects Console.Error, as CommandLineTests do
public class VanishingGradientLabTests
{
    private static readonly Lazy<Dataset> Digits = new(() => MnistSubset.Load().Train.Take(300));

    [Fact]
    public void MeasureAtInitialisation_SigmoidLeCun_FirstHiddenLayerLearnsFarSlowerThanTheLast()
    {
        var result = Experiments.MeasureAtInitialisation(new Configuration("sigmoid", "lecun", false), 3, Digits.Value, seeds: 2, firstSeed: 0);

        result.PerSeed.Length.ShouldBe(2);
        result.Mean.Length.ShouldBe(3);
        result.Mean[0].ShouldBeLessThan(result.Mean[1]);
        result.Mean[1].ShouldBeLessThan(result.Mean[2]);
        result.FirstToLastRatio.ShouldBeLessThan(0.15);   // Nielsen: 0.012 / 0.283 ≈ 0.04
    }

    [Fact]
    public void MeasureAtInitialisation_ReluHe_KeepsTheLayersComparable()
    {
        var result = Experiments.MeasureAtInitialisation(new Configuration("relu", "he", false), 3, Digits.Value, seeds: 2, firstSeed: 0);
        result.FirstToLastRatio.ShouldBeInRange(0.3, 3.0);
    }

    [Fact]
    public void HiddenBiasGradientNorms_WithBatchNorm_MeasuresBeta()
    {
        var network = new Configuration("sigmoid", "lecun", true).Build(2, seed: 0);
        var norms = Experiments.HiddenBiasGradientNorms(network, Digits.Value);
        norms.Length.ShouldBe(2);
        norms.ShouldAllBe(n => n > 0);   // b is unused (0) with batch norm; ∂C/∂β is not
    }

    [Fact]
    public void Train_ReportsEveryHiddenLayerOnEveryEpoch()
    {
        var (train, test) = Digits.Value.Split(200);
        var run = Experiments.Train(new Configuration("relu", "he", false), 2, train, test, new TrainingSettings(2, 10, 0.1, 0));

        run.Diverged.ShouldBeNull();
        run.Epochs.Count.ShouldBe(2);
        run.Hidden.ShouldAllBe(layers => layers.Count == 2);
        run.Epochs.ShouldAllBe(e => e.ValidationAccuracy >= 0 && e.ValidationAccuracy <= 1);
    }

    [Theory]
    [InlineData("sigmoid", "sigmoid+xavier")]
    [InlineData("relu", "relu+he")]
    [InlineData("Sigmoid + LeCun + BN", "sigmoid+lecun+bn")]
    [InlineData("leakyrelu+bn+he@0.2", "leakyrelu+he+bn@0.2")]
    public void TryParse_FillsInTheFittingInitialiser(string text, string key) =>
        Configuration.TryParse(text, out _)!.Key.ShouldBe(key);

    [Theory]
    [InlineData("softmax")]
    [InlineData("relu+glorot")]
    [InlineData("relu+he+he")]
    [InlineData("relu@-1")]
    public void TryParse_RejectsWhatItDoesNotKnow(string text)
    {
        Configuration.TryParse(text, out string error).ShouldBeNull();
        error.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("--depths", "7")]
    [InlineData("--configs", "relu+glorot")]
    [InlineData("--seeds", "0")]
    public void CommandLine_RejectsABadValue_WithOneErrorLineAndANonZeroExitCode(string option, string value)
    {
        var error = new StringWriter();
        var standardError = Console.Error;
        var standardOutput = Console.Out;
        int exitCode;
        try
        {
            Console.SetError(error);
            Console.SetOut(TextWriter.Null);   // the usage that follows the error
            exitCode = (int)typeof(Experiments).Assembly.EntryPoint!.Invoke(null, [new[] { option, value }])!;
        }
        finally
        {
            Console.SetError(standardError);
            Console.SetOut(standardOutput);
        }

        exitCode.ShouldNotBe(0);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldStartWith($"error: {option}");
        lines[0].ShouldContain(value);
    }
}
