using System.Text.Json.Nodes;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Data;
using NeuralNet.Training;
using NeuralNet.Serialization;

namespace NeuralNet.Tests.Training;

public class CheckpointTests
{
    private sealed class OnEpoch(Action<EpochReport> action) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => action(value);
    }

    [Fact]
    public void Train_WritesLastAndBest_BestByValidationLoss()
    {
        using var dir = new TempDirectory();
        var network = ResumeTests.NewNetwork();
        var snapshots = new Dictionary<int, long[]>();
        var options = ResumeTests.Options(new Adam(), dir.Path) with { LearningRate = 0.3, Epochs = 8 };
        var history = new Trainer(network, options).Train(ResumeTests.X, ResumeTests.Y, ResumeTests.ValidationX, ResumeTests.ValidationY,
            new OnEpoch(r => snapshots[r.Epoch] = ResumeTests.Bits(network)));

        var last = Network.Load(options.Checkpoints!.LastPath, out var metadata);              // a checkpoint is a model file
        ResumeTests.Bits(last).ShouldBe(snapshots[8]);
        metadata.TrainingSummary.ShouldStartWith("epoch 8 of 8");
        int best = history.BestEpoch!.Value;
        history.BestLoss.ShouldBe(history.Epochs.Min(r => r.ValidationLoss!.Value));
        ResumeTests.Bits(Network.Load(options.Checkpoints.BestPath)).ShouldBe(snapshots[best]);

        var training = JsonNode.Parse(File.ReadAllText(options.Checkpoints.BestPath))!["training"]!;
        training["epoch"]!.GetValue<int>().ShouldBe(best);
        training["optimizer"]!["name"]!.GetValue<string>().ShouldBe("Adam");
        training["history"]!.AsArray().Count.ShouldBe(best);
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ShouldBe(["best.json", "last.json"]);   // no temporary files left
    }

    [Fact]
    public void Train_WithoutValidation_KeepsTheBestByTrainingLoss()
    {
        using var dir = new TempDirectory();
        var options = ResumeTests.Options(new Sgd(momentum: 0.9), dir.Path);
        var history = new Trainer(ResumeTests.NewNetwork(), options).Train(ResumeTests.X, ResumeTests.Y);
        int best = history.BestEpoch!.Value;
        history.Epochs[best - 1].Loss.ShouldBe(history.Epochs.Min(r => r.Loss));
        JsonNode.Parse(File.ReadAllText(options.Checkpoints!.BestPath))!["training"]!["epoch"]!.GetValue<int>().ShouldBe(best);
    }

    [Fact]
    public void CheckpointOptions_NamesItsFiles()
    {
        var options = new CheckpointOptions("runs/a");
        options.LastPath.ShouldBe(Path.Combine("runs/a", "last.json"));
        options.BestPath.ShouldBe(Path.Combine("runs/a", "best.json"));
        Should.Throw<ArgumentException>(() => new CheckpointOptions(" "));
    }
}
