using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Training;
using Playground;

namespace NeuralNet.Playground.Tests;

/// <summary>One source of truth: a snapshot's numbers are the library's own (Trainer's EpochReport, Network.Backpropagate, Layer.Forward).</summary>
public sealed class SnapshotTests
{
    private static Matrix<double> LabelRow(Dataset data) => data.Targets.SubMatrix(1, 1, 0, data.Count);

    [Theory]
    [InlineData("sigmoid", false, "sgd")]
    [InlineData("relu", false, "adam")]
    [InlineData("tanh", true, "momentum")]
    public void AfterThreeEpochs_TheSnapshotIsTheTrainersEpochReport_AndDrawingDoesNotDisturbTraining(string activation, bool batchNorm, string optimizer)
    {
        var config = new PlaygroundConfig { Dataset = "circles", Hidden = [5, 4, 3], Activation = activation, BatchNorm = batchNorm, Optimizer = optimizer, Points = 100, BatchSize = 8, Seed = 5 };
        var experiment = new Experiment(config);
        for (int e = 0; e < 3; e++)
        {
            experiment.TrainEpoch();
            experiment.Snapshot(playing: true, error: null);   // a snapshot after every epoch runs forward passes over the plane
        }
        var snapshot = experiment.Snapshot(playing: true, error: null);

        // the same run by hand: the library's trainer, nothing of the playground's but its settings
        var network = Experiment.BuildNetwork(config);
        var optimizerInstance = PlaygroundConfig.Optimizers[optimizer]();
        var (train, test) = ToyDatasets.GenerateSplit(ToyDataset.Circles, 100, 0, 0.5, 5);
        EpochReport report = null!;
        for (int epoch = 1; epoch <= 3; epoch++)
            report = new Trainer(network, Experiment.TrainerOptionsFor(config, optimizerInstance, epoch))
                .Train(train.Inputs, LabelRow(train), test.Inputs, LabelRow(test)).Epochs[0];

        snapshot.Epoch.ShouldBe(3);
        snapshot.TrainLoss.ShouldBe(report.Loss);              // bit-identical
        snapshot.TestLoss.ShouldBe(report.ValidationLoss);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = snapshot.Layers[l];
            layer.BiasGradientNorm.ShouldBe(report.Layers[l].BiasGradientNorm);
            layer.WeightGradientNorm.ShouldBe(report.Layers[l].WeightGradientNorm);
            layer.SaturatedFraction.ShouldBe(report.Layers[l].SaturatedFraction);
            layer.DeadFraction.ShouldBe(report.Layers[l].DeadFraction);
            layer.WeightNorm.ShouldBe(((Layer)network.Layers[l]).Weights.FrobeniusNorm());
            layer.RelativeWeightGradient.ShouldBe(report.Layers[l].WeightGradientNorm / ((Layer)network.Layers[l]).Weights.FrobeniusNorm());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithOneBatchPerEpoch_TheFirstSnapshotsGradientsAreNetworkBackpropagateOnTheTrainingSet(bool batchNorm)
    {
        var config = new PlaygroundConfig { Dataset = "spiral", Hidden = [8, 8, 8, 8, 8], Activation = "sigmoid", Init = "lecun", BatchNorm = batchNorm, Points = 200, BatchSize = 1000 };
        var experiment = new Experiment(config);
        experiment.TrainEpoch();
        var snapshot = experiment.Snapshot(playing: false, error: null);

        // the untrained network on the whole training set: the batch the trainer's one step saw, in another order
        var network = Experiment.BuildNetwork(config);
        var gradients = network.Backpropagate(experiment.TrainingSet.Inputs, LabelRow(experiment.TrainingSet), new BinaryCrossEntropy());

        snapshot.TrainLoss!.Value.ShouldBe(gradients.Loss, 1e-12);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var g = gradients.Layers[l];
            double expectedBias = (batchNorm && l < 5 ? g.BetaGradient! : g.BiasGradient).L2Norm();
            // the shuffled batch sums the same terms in another order: equal up to rounding
            snapshot.Layers[l].BiasGradientNorm!.Value.ShouldBe(expectedBias, 1e-12 * Math.Max(1, expectedBias) + 1e-15);
            snapshot.Layers[l].WeightGradientNorm!.Value.ShouldBe(g.WeightGradient.FrobeniusNorm(), 1e-12 * Math.Max(1, g.WeightGradient.FrobeniusNorm()) + 1e-15);
        }
    }

    [Fact]
    public void TheOutputHeatmap_IsNetworkPredictOverTheGrid_TopRowFirst()
    {
        var config = new PlaygroundConfig { Dataset = "moons", Hidden = [6, 6], Activation = "tanh", Seed = 3 };
        var experiment = new Experiment(config);
        for (int e = 0; e < 20; e++) experiment.TrainEpoch();
        var output = experiment.Snapshot(false, null).Layers[^1];
        var bytes = Convert.FromBase64String(output.Heatmaps);

        output.HeatmapSize.ShouldBe(Experiment.Grid);
        (output.Low, output.High).ShouldBe((0.0, 1.0));            // the sigmoid's range: byte = 255·a
        double cell = 2 * Experiment.Extent / Experiment.Grid;
        foreach (var (r, c) in new[] { (0, 0), (0, 23), (23, 0), (11, 17), (23, 23) })
        {
            double a = experiment.Network.Predict([-Experiment.Extent + (c + 0.5) * cell, Experiment.Extent - (r + 0.5) * cell])[0];
            ((double)bytes[r * Experiment.Grid + c]).ShouldBe(Math.Round(255 * a), 0.0);
        }
    }

    [Fact]
    public void DeepSigmoid_FirstHiddenLayerLearnsSeveralTimesSlowerThanTheLast_ReluHeDoesNot()
    {
        // the two lecture links of the README, at the library level (the browser test checks the page shows the same)
        var sigmoid = new Experiment(new PlaygroundConfig { Dataset = "spiral", Activation = "sigmoid", Init = "lecun", Hidden = [8, 8, 8, 8, 8] });
        var relu = new Experiment(new PlaygroundConfig { Dataset = "spiral", Activation = "relu", Init = "he", Hidden = [8, 8, 8, 8, 8], LearningRate = 0.03 });
        for (int e = 0; e < 5; e++)
        {
            sigmoid.TrainEpoch();
            relu.TrainEpoch();
        }

        double Ratio(Experiment x) => x.LastReport!.Layers[0].BiasGradientNorm / x.LastReport.Layers[4].BiasGradientNorm;
        Ratio(sigmoid).ShouldBeLessThan(0.25);
        Ratio(relu).ShouldBeGreaterThan(0.25);
    }
}
