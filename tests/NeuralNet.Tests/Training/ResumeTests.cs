using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Data;
using NeuralNet.Training;
using NeuralNet.Serialization;

namespace NeuralNet.Tests.Training;

/// <summary>Training resumed from a checkpoint ends bit-identical to training that never stopped.</summary>
public class ResumeTests
{
    // 6 features (a 3×2 "image" for RandomShift), 3 classes; 41 training samples (the last batch is short), 12 for validation
    internal static readonly Matrix<double> X = TestData.Uniform(6, 41, seed: 21);
    internal static readonly Matrix<double> Y = TestData.OneHot(3, 41, seed: 22);
    internal static readonly Matrix<double> ValidationX = TestData.Uniform(6, 12, seed: 23);
    internal static readonly Matrix<double> ValidationY = TestData.OneHot(3, 12, seed: 24);

    /// <summary>Batch norm (running statistics), dropout (its masks), and a seed that a resumed run must not depend on.</summary>
    internal static Network NewNetwork(int seed = 1)
    {
        var network = new Network(new Layer(6, 8, new ReLU(), batchNorm: true, dropout: 0.2), new Layer(8, 5, new Tanh(), dropout: 0.1), new Layer(5, 3, new Softmax()));
        network.Initialize(seed);
        return network;
    }

    internal static TrainerOptions Options(IOptimizer optimizer, string? folder = null, EarlyStopping? stopping = null) => new()
    {
        Epochs = 6, BatchSize = 8, LearningRate = 0.05, Seed = 3, Loss = new CategoricalCrossEntropy(), Optimizer = optimizer,
        Schedule = new CosineDecay(), Augmentation = new RandomShift(3, 2, 1), WeightDecay = 1e-3,
        Checkpoints = folder is null ? null : new CheckpointOptions(folder), EarlyStopping = stopping,
    };

    internal static long[] Bits(Network network) =>
        network.Parameters.SelectMany(p => p.Value)
            .Concat(network.DenseLayers().Where(l => l.BatchNorm).SelectMany(l => l.RunningMean!.Concat(l.RunningVariance!)))
            .Select(BitConverter.DoubleToInt64Bits).ToArray();

    private sealed class OnEpoch(Action<EpochReport> action) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => action(value);
    }

    private sealed class Crash : Exception;

    public static TheoryData<string> Optimizers() => ["sgd", "nesterov", "adam"];

    private static IOptimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(momentum: 0.9),
        "nesterov" => new Sgd(momentum: 0.8, nesterov: true),
        _ => new Adam(),
    };

    [Theory, MemberData(nameof(Optimizers))]
    public void SixEpochs_EqualThreeEpochsThenResumeFromCheckpoint(string optimizer)
    {
        var straight = NewNetwork();
        var straightHistory = new Trainer(straight, Options(Create(optimizer))).Train(X, Y, ValidationX, ValidationY);

        using var dir = new TempDirectory();
        var interrupted = NewNetwork();
        Should.Throw<Crash>(() => new Trainer(interrupted, Options(Create(optimizer), dir.Path))
            .Train(X, Y, ValidationX, ValidationY, new OnEpoch(r => { if (r.Epoch == 3) throw new Crash(); })));   // the process dies after epoch 3

        var resumed = NewNetwork(seed: 99);                                   // a fresh process: other weights, a fresh optimizer
        var history = new Trainer(resumed, Options(Create(optimizer), dir.Path)).Resume(Path.Combine(dir.Path, "last.json"), X, Y, ValidationX, ValidationY);

        Bits(resumed).ShouldBe(Bits(straight));
        history.Epochs.Select(r => (r.Epoch, r.Loss, r.ValidationLoss, r.LearningRate))
            .ShouldBe(straightHistory.Epochs.Select(r => (r.Epoch, r.Loss, r.ValidationLoss, r.LearningRate)));
        history.BestEpoch.ShouldBe(straightHistory.BestEpoch);
    }

    [Fact]
    public void Cancelled_ThenResumedFromLastCheckpoint_EqualsUninterruptedRun()
    {
        var straight = NewNetwork();
        new Trainer(straight, Options(new Adam())).Train(X, Y, ValidationX, ValidationY);

        using var dir = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        var network = NewNetwork();
        var trainer = new Trainer(network, Options(new Adam(), dir.Path));
        var partial = trainer.Train(X, Y, ValidationX, ValidationY, new OnEpoch(r => { if (r.Epoch == 4) cancellation.Cancel(); }), cancellation.Token);
        partial.Cancelled.ShouldBeTrue();                                      // stopped after the first mini-batch of epoch 5
        partial.Epochs.Count.ShouldBe(4);
        network.Parameters.ShouldAllBe(p => p.Value.All(double.IsFinite));

        var history = new Trainer(NewNetwork(), Options(new Adam(), dir.Path)) is var fresh
            ? fresh.Resume(Path.Combine(dir.Path, "last.json"), X, Y, ValidationX, ValidationY) : null!;
        Bits(fresh.Network).ShouldBe(Bits(straight));
        history.Cancelled.ShouldBeFalse();
        history.Epochs.Count.ShouldBe(6);
    }

    [Fact]
    public void Resume_WithEarlyStoppingAndRestoreBestWeights_EqualsUninterruptedRun()
    {
        var stopping = new EarlyStopping(patience: 2, minDelta: 0.01);
        var straight = NewNetwork();
        var straightHistory = new Trainer(straight, Options(new Adam(), stopping: stopping) with { Epochs = 12, LearningRate = 0.2 }).Train(X, Y, ValidationX, ValidationY);

        using var dir = new TempDirectory();
        Should.Throw<Crash>(() => new Trainer(NewNetwork(), Options(new Adam(), dir.Path, stopping) with { Epochs = 12, LearningRate = 0.2 })
            .Train(X, Y, ValidationX, ValidationY, new OnEpoch(r => { if (r.Epoch == 2) throw new Crash(); })));
        var resumed = NewNetwork();
        var history = new Trainer(resumed, Options(new Adam(), dir.Path, stopping) with { Epochs = 12, LearningRate = 0.2 })
            .Resume(Path.Combine(dir.Path, "last.json"), X, Y, ValidationX, ValidationY);

        Bits(resumed).ShouldBe(Bits(straight));
        history.StoppedEarly.ShouldBe(straightHistory.StoppedEarly);
        history.BestEpoch.ShouldBe(straightHistory.BestEpoch);
        history.Epochs.Count.ShouldBe(straightHistory.Epochs.Count);
    }

    [Fact]
    public void Resume_OfAFinishedRun_TrainsNoMoreEpochs()
    {
        using var dir = new TempDirectory();
        var network = NewNetwork();
        new Trainer(network, Options(new Sgd(), dir.Path)).Train(X, Y);
        var resumed = NewNetwork(seed: 7);
        var history = new Trainer(resumed, Options(new Sgd(), dir.Path)).Resume(Path.Combine(dir.Path, "last.json"), X, Y);
        history.Epochs.Count.ShouldBe(6);
        Bits(resumed).ShouldBe(Bits(network));
    }

    [Fact]
    public void Resume_OfARunThatStoppedEarly_StaysStoppedWithTheBestWeights()
    {
        using var dir = new TempDirectory();
        var stopping = new EarlyStopping(patience: 2, minDelta: 10);          // stops after epoch 3, best epoch 1
        var network = NewNetwork();
        var history = new Trainer(network, Options(new Adam(), dir.Path, stopping)).Train(X, Y, ValidationX, ValidationY);
        history.StoppedEarly.ShouldBeTrue();
        history.Epochs.Count.ShouldBe(3);

        var resumed = NewNetwork(seed: 8);
        var again = new Trainer(resumed, Options(new Adam(), dir.Path, stopping)).Resume(Path.Combine(dir.Path, "last.json"), X, Y, ValidationX, ValidationY);
        again.StoppedEarly.ShouldBeTrue();
        again.Epochs.Count.ShouldBe(3);
        again.BestEpoch.ShouldBe(1);
        Bits(resumed).ShouldBe(Bits(network));
    }

    [Fact]
    public void Resume_RejectsModelFilesOtherArchitecturesSeedsAndOptimizers()
    {
        using var dir = new TempDirectory();
        new Trainer(NewNetwork(), Options(new Adam(), dir.Path) with { Epochs = 1 }).Train(X, Y);
        string last = Path.Combine(dir.Path, "last.json");

        NewNetwork().Save(dir.File("model.json"));
        Should.Throw<InvalidDataException>(() => new Trainer(NewNetwork(), Options(new Adam())).Resume(dir.File("model.json"), X, Y))
            .Message.ShouldBe($"{dir.File("model.json")}: training is missing: this is a model file, not a checkpoint");

        var other = new Network(new Layer(6, 4, new ReLU()), new Layer(4, 3, new Softmax()));
        Should.Throw<ArgumentException>(() => new Trainer(other, Options(new Adam())).Resume(last, X, Y)).Message.ShouldContain("does not fit network");

        Should.Throw<ArgumentException>(() => new Trainer(NewNetwork(), Options(new Adam()) with { Seed = 4 }).Resume(last, X, Y)).Message.ShouldContain("Seed = 3");

        Should.Throw<ArgumentException>(() => new Trainer(NewNetwork(), Options(new Sgd(momentum: 0.9))).Resume(last, X, Y)).Message.ShouldContain("Adam's state");
    }
}
