using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class EarlyStoppingTests
{
    private static Network NewNetwork()
    {
        var network = new Network(new Layer(6, 8, new Tanh()), new Layer(8, 3, new Softmax()));
        network.Initialize(seed: 4);
        return network;
    }

    private static TrainerOptions Options(EarlyStopping? stopping, int epochs = 20) => new()
    {
        Epochs = epochs, BatchSize = 8, LearningRate = 0.3, Seed = 1, Loss = new CategoricalCrossEntropy(), Optimizer = new Sgd(momentum: 0.5),
        EarlyStopping = stopping,
    };

    private sealed class OnEpoch(Action<EpochReport> action) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => action(value);
    }

    [Fact]
    public void Stops_AfterPatienceEpochsWithoutImprovementByMinDelta_AndRestoresTheBestEpochsWeights()
    {
        var network = NewNetwork();
        long[]? afterEpoch1 = null;
        var history = new Trainer(network, Options(new EarlyStopping(patience: 3, minDelta: 10)))   // no later epoch can improve by 10
            .Train(ResumeTests.X, ResumeTests.Y, ResumeTests.ValidationX, ResumeTests.ValidationY,
                new OnEpoch(r => { if (r.Epoch == 1) afterEpoch1 = ResumeTests.Bits(network); }));

        history.StoppedEarly.ShouldBeTrue();
        history.Epochs.Count.ShouldBe(4);                                   // epoch 1, then 3 without improvement
        history.BestEpoch.ShouldBe(1);
        history.BestLoss.ShouldBe(history.Epochs[0].ValidationLoss);
        ResumeTests.Bits(network).ShouldBe(afterEpoch1);
    }

    [Fact]
    public void WithoutRestoreBestWeights_KeepsTheLastEpochsWeights()
    {
        var network = NewNetwork();
        long[]? last = null;
        var history = new Trainer(network, Options(new EarlyStopping(patience: 2, minDelta: 10, restoreBestWeights: false)))
            .Train(ResumeTests.X, ResumeTests.Y, ResumeTests.ValidationX, ResumeTests.ValidationY, new OnEpoch(_ => last = ResumeTests.Bits(network)));
        history.Epochs.Count.ShouldBe(3);
        ResumeTests.Bits(network).ShouldBe(last);
    }

    [Fact]
    public void OnAValidationLossThatRises_StopsAtTheMinimum()
    {
        // validation targets shifted by one class: the better the network learns the training labels, the worse it does here
        var wrong = ResumeTests.Y.Clone();
        for (int j = 0; j < wrong.ColumnCount; j++)
            for (int c = 0; c < 3; c++) wrong[(c + 1) % 3, j] = ResumeTests.Y[c, j];
        var network = NewNetwork();
        var history = new Trainer(network, Options(new EarlyStopping(patience: 2))).Train(ResumeTests.X, ResumeTests.Y, ResumeTests.X, wrong);

        history.StoppedEarly.ShouldBeTrue();
        int best = history.BestEpoch!.Value;
        history.Epochs.Count.ShouldBe(best + 2);
        history.Epochs.Min(r => r.ValidationLoss!.Value).ShouldBe(history.Epochs[best - 1].ValidationLoss!.Value);
        var restored = network.Predict(ResumeTests.X);
        new CategoricalCrossEntropy().Value(restored, wrong).ShouldBe(history.BestLoss!.Value, 1e-12);
    }

    [Fact]
    public void WithoutValidationSet_MonitorsTheTrainingLoss()
    {
        var history = new Trainer(NewNetwork(), Options(new EarlyStopping(patience: 2), epochs: 8)).Train(ResumeTests.X, ResumeTests.Y);
        history.StoppedEarly.ShouldBeFalse();                               // the training loss keeps falling
        history.Epochs.Count.ShouldBe(8);
        history.BestEpoch.ShouldBe(8);
        history.BestLoss.ShouldBe(history.FinalLoss);
    }

    [Fact]
    public void WithoutEarlyStopping_RunsAllEpochsAndStillReportsTheBestEpoch()
    {
        var history = new Trainer(NewNetwork(), Options(null, epochs: 5)).Train(ResumeTests.X, ResumeTests.Y, ResumeTests.ValidationX, ResumeTests.ValidationY);
        history.Epochs.Count.ShouldBe(5);
        history.StoppedEarly.ShouldBeFalse();
        history.BestLoss.ShouldBe(history.Epochs.Min(r => r.ValidationLoss!.Value));
    }

    [Fact]
    public void Constructor_RejectsInvalidValues()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new EarlyStopping(patience: 0)).Message.ShouldContain("Received: patience=0");
        Should.Throw<ArgumentOutOfRangeException>(() => new EarlyStopping(minDelta: -1)).Message.ShouldContain("Received: minDelta=-1");
        new EarlyStopping().ShouldSatisfyAllConditions(e => e.Patience.ShouldBe(5), e => e.MinDelta.ShouldBe(0), e => e.RestoreBestWeights.ShouldBeTrue());
    }
}
