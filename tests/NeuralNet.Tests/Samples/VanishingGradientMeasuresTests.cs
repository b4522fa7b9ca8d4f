using System.Text.Json;
using NeuralNet.Data;
using VanishingGradient;

namespace NeuralNet.Tests.Samples;

/// <summary>
/// The lab's honest measure at initialisation (‖∂C/∂W‖/‖W‖), its Glorot &amp; Bengio experiment, and the CSV/JSON files it
/// writes for spreadsheets and notebooks.
/// </summary>
public class VanishingGradientMeasuresTests
{
    private static readonly Lazy<Dataset> Digits = new(() => MnistSubset.Load().Train.Take(300));

    [Fact]
    public void WeightRatio_VanishesForSigmoid_ButNotWithBatchNorm_WhereTheBetaGradientLooksAsIfItDid()
    {
        var sigmoid = Experiments.MeasureAtInitialisation(new Configuration("sigmoid", "lecun", false), 4, Digits.Value, seeds: 2, firstSeed: 0);
        var batchNorm = Experiments.MeasureAtInitialisation(new Configuration("sigmoid", "lecun", true), 4, Digits.Value, seeds: 2, firstSeed: 0);

        sigmoid.WeightRatioFirstToLast.ShouldBeLessThan(0.1);
        batchNorm.FirstToLastRatio.ShouldBeLessThan(0.1);          // ‖∂C/∂β‖ is small below a normalised layer…
        batchNorm.WeightRatioFirstToLast.ShouldBeGreaterThan(1);   // …but the weights' relative steps are not
        batchNorm.PerSeedWeightRatio.Length.ShouldBe(2);
        batchNorm.MeanWeightRatio.Length.ShouldBe(4);
    }

    [Fact]
    public void WeightRatio_IsTheFrobeniusNormOfTheWeightGradientOverTheWeights()
    {
        var network = new Configuration("relu", "he", false).Build(2, seed: 3);
        var gradients = network.Backpropagate(Digits.Value.Inputs, Digits.Value.Targets, Experiments.Cost);
        var ratios = Experiments.HiddenWeightGradientRatios(network, gradients);

        ratios.Length.ShouldBe(2);
        for (int l = 0; l < 2; l++)
            ratios[l].ShouldBe(gradients.Layers[l].WeightGradient.FrobeniusNorm() / network.Dense(l).Weights.FrobeniusNorm(), 1e-15);
    }

    [Theory]
    [InlineData("relu", true)]
    [InlineData("leakyrelu", false)]
    [InlineData("sigmoid", false)]
    public void CanDie_OnlyForReluWhoseOutputIsExactlyZeroBelowZero(string activation, bool canDie) =>
        new Configuration(activation, "he", false).CanDie.ShouldBe(canDie);

    [Fact]
    public void GlorotBengio_TakesSnapshotsOfEveryHiddenLayer_WithOrderedStatistics()
    {
        var (train, test) = Digits.Value.Split(200);
        var run = GlorotBengio.Run("sigmoid", train, test, new TrainingSettings(Epochs: 1, BatchSize: 10, LearningRate: 0.1, Seed: 0));

        // 20 updates: one snapshot before training, then every 5 (a quarter epoch); the early ones (5, 10, 20) coincide.
        run.Snapshots.Select(s => s.Epoch).ShouldBe([0, 0.25, 0.5, 0.75, 1.0]);
        run.Snapshots.ShouldAllBe(s => s.Mean.Length == GlorotBengio.HiddenLayers);
        foreach (var s in run.Snapshots)
            for (int l = 0; l < GlorotBengio.HiddenLayers; l++)
            {
                s.Percentile2[l].ShouldBeLessThanOrEqualTo(s.Mean[l]);
                s.Mean[l].ShouldBeLessThanOrEqualTo(s.Percentile98[l]);
                s.Percentile98[l].ShouldBeLessThan(1);
                s.Percentile2[l].ShouldBeGreaterThan(0);   // sigmoid outputs
                s.StandardDeviation[l].ShouldBeGreaterThan(0);
            }
        run.TestAccuracy.ShouldBeInRange(0, 1);
    }

    [Fact]
    public void GlorotBengio_SigmoidTopLayer_IsPushedTowardsZero_AsInTheirFigure2()
    {
        var (train, test) = MnistSubset.Load();
        var run = GlorotBengio.Run("sigmoid", train.Take(2000), test, new TrainingSettings(Epochs: 1, BatchSize: 10, LearningRate: 0.1, Seed: 0));
        double[] top = run.Snapshots.Select(s => s.Mean[^1]).ToArray();
        top[0].ShouldBeGreaterThan(0.45);
        top[^1].ShouldBeLessThan(top[0] - 0.05);                           // 200 updates: the top layer falls from ≈ 0.48 (to 0.40 in the lab)
        for (int i = 1; i < top.Length; i++) top[i].ShouldBeLessThan(top[i - 1]);   // steadily
        run.Snapshots[^1].Mean[0].ShouldBeInRange(0.45, 0.55);             // while the first stays near ½
    }

    [Fact]
    public void Results_WriteOneCsvRowPerEpochAndLayer_AndJsonThatParses()
    {
        var (train, test) = Digits.Value.Split(200);
        var settings = new TrainingSettings(2, 10, 0.1, 0);
        var runs = new[] { Experiments.Train(new Configuration("relu", "he", false), 2, train, test, settings) };
        string folder = Path.Combine(Path.GetTempPath(), "neuralnet-lab-results-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = Results.Training(runs, settings, folder).ToArray();
            var lines = File.ReadAllLines(files[0]);
            lines[0].ShouldStartWith("configuration,learning_rate,epoch,loss,test_accuracy,layer,bias_gradient_norm");
            lines.Length.ShouldBe(1 + 2 * 3);   // 2 epochs × (2 hidden layers + the output layer)
            lines[1].Split(',')[0].ShouldBe("relu+he");
            double.Parse(lines[1].Split(',')[6], System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBe(runs[0].Epochs[0].Layers[0].BiasGradientNorm);   // round-trip precision

            using var json = JsonDocument.Parse(File.ReadAllText(files[1]));
            var epochs = json.RootElement.GetProperty("configurations")[0].GetProperty("epochs");
            epochs.GetArrayLength().ShouldBe(2);
            epochs[1].GetProperty("testAccuracy").GetDouble().ShouldBe(runs[0].Epochs[1].ValidationAccuracy!.Value);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
