using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Serialization;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Data;
using NeuralNet.Training;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Issue 16, items 2, 4, 5 and 6: a diverging run keeps finite weights and names its cause, empty data and targets outside
/// the loss's domain are rejected with their position, and options shared between runs and threads are not shared state.
/// </summary>
public class TrainingInputTests
{
    private static readonly Matrix<double> XorX = TestData.Matrix(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
    private static readonly Matrix<double> XorY = TestData.Row(0, 1, 1, 0);

    private static Network Xor(int seed = 7)
    {
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
        network.Initialize(seed);
        return network;
    }

    // Item 2: the overflow check ran before weight decay was added, so the decayed step could leave ±∞ in the weights.
    [Fact]
    public void Train_DivergingThroughWeightDecay_KeepsFiniteWeightsAndBlamesTheDecay()
    {
        var network = Xor();
        var options = new TrainerOptions { Epochs = 5000, BatchSize = 4, LearningRate = 1, WeightDecay = 3, Loss = new MeanSquaredError() };

        var exception = Should.Throw<TrainingDivergedException>(() => new Trainer(network, options).Train(XorX, XorY));

        network.Parameters.SelectMany(p => p.Value).ShouldAllBe(w => double.IsFinite(w));
        exception.Message.ShouldContain("weight decay is the cause");
        exception.Message.ShouldContain("η·λ = 1 · 3 = 3 > 2");
        exception.Message.ShouldNotContain("Try a smaller learning rate");
        Should.NotThrow(() => network.Save(Path.Combine(Path.GetTempPath(), $"diverged-{Guid.NewGuid():N}.json")));
    }

    [Fact]
    public void Train_DivergingThroughTheLearningRate_StillSuggestsASmallerLearningRate()
    {
        var options = new TrainerOptions { Epochs = 50, BatchSize = 4, LearningRate = 1e300, WeightDecay = 1e-3 };
        var exception = Should.Throw<TrainingDivergedException>(() => new Trainer(Xor(), options).Train(XorX, XorY));
        exception.Message.ShouldContain("smaller learning rate");
    }

    // Item 4: Train on 0 columns reported NaN losses as a success.
    [Fact]
    public void Train_OnNoSamples_Throws()
    {
        var exception = Should.Throw<ArgumentException>(() => new Trainer(Xor(), new TrainerOptions()).Train(
            Matrix<double>.Build.Dense(2, 0), Matrix<double>.Build.Dense(1, 0)));
        exception.Message.ShouldContain("2×0");
        exception.ParamName.ShouldBe("inputs");
    }

    [Fact]
    public void Train_WithAnEmptyValidationSet_Throws() =>
        Should.Throw<ArgumentException>(() => new Trainer(Xor(), new TrainerOptions()).Train(XorX, XorY,
            Matrix<double>.Build.Dense(2, 0), Matrix<double>.Build.Dense(1, 0))).ParamName.ShouldBe("validationInputs");

    [Fact]
    public void MnistSubsetLoad_OfFilesWithNoImages_Throws()
    {
        using var dir = new TempDirectory();
        foreach (var prefix in new[] { "train", "t10k" })
        {
            IdxWriter.WriteImages(dir.File($"{prefix}-images-idx3-ubyte"), new IdxImages(0, 28, 28, []));
            IdxWriter.WriteLabels(dir.File($"{prefix}-labels-idx1-ubyte"), []);
        }
        Should.Throw<InvalidDataException>(() => MnistSubset.Load(dir.Path)).Message.ShouldContain("holds 0 images");
    }

    // Item 5: binary cross-entropy with a target of 2 reported a loss of −25.
    [Fact]
    public void Train_BinaryCrossEntropyTargetOutsideZeroOne_IsRejectedWithRowAndColumn()
    {
        var y = TestData.Row(0, 1, 2, 0);
        var exception = Should.Throw<ArgumentException>(() =>
            new Trainer(Xor(), new TrainerOptions { Loss = new BinaryCrossEntropy() }).Train(XorX, y));
        exception.Message.ShouldContain("2 at row 0, column 2");
        Should.Throw<ArgumentException>(() => new BinaryCrossEntropy().Value(TestData.Row(0.5, 0.5, 0.5, 0.5), y)).Message.ShouldContain("column 2");
    }

    // Item 5: softmax + CCE's δ = a − y is the gradient only if Σy = 1 per column.
    [Fact]
    public void Train_SoftmaxCrossEntropyTargetsNotSummingToOne_AreRejectedWithTheColumn()
    {
        var network = new Network(new Layer(2, 2, new Softmax()));
        var y = TestData.Matrix(new double[,] { { 1, 0, 0.5, 0 }, { 0, 1, 0.7, 1 } });
        var exception = Should.Throw<ArgumentException>(() =>
            new Trainer(network, new TrainerOptions { Loss = new CategoricalCrossEntropy() }).Train(XorX, y));
        exception.Message.ShouldContain("column 2");
        exception.Message.ShouldContain("sums to 1.2");

        var negative = TestData.Matrix(new double[,] { { 1, 0, 2, 0 }, { 0, 1, -1, 1 } });
        Should.Throw<ArgumentException>(() => new Trainer(network, new TrainerOptions { Loss = new CategoricalCrossEntropy() }).Train(XorX, negative))
            .Message.ShouldContain("-1 at row 1, column 2");
    }

    [Fact]
    public void Train_SoftLabelsThatSumToOne_AreAccepted()
    {
        var network = new Network(new Layer(2, 2, new Softmax()));
        var y = TestData.Matrix(new double[,] { { 0.9, 0.1, 0.3, 0.5 }, { 0.1, 0.9, 0.7, 0.5 } });
        Should.NotThrow(() => new Trainer(network, new TrainerOptions { Epochs = 2, Loss = new CategoricalCrossEntropy() }).Train(XorX, y));
    }

    // Issue 15 (assigned here): reusing one TrainerOptions with its Adam instance continued the old moments.
    [Fact]
    public void Train_TwiceWithTheSameOptionsAndSeed_GivesTheSameModel()
    {
        var options = new TrainerOptions { Epochs = 30, BatchSize = 2, LearningRate = 0.05, Optimizer = new Adam(), Seed = 4 };
        // the same network trained again from its initial values: without the reset, Adam's moments (kept per parameter)
        // would carry over from the first run
        var network = Xor();
        var initial = TestData.Snapshot(network);
        new Trainer(network, options).Train(XorX, XorY);
        var once = TestData.Snapshot(network);
        for (int p = 0; p < initial.Length; p++) initial[p].CopyTo(network.Parameters[p].Value, 0);
        new Trainer(network, options).Train(XorX, XorY);
        TestData.Snapshot(network).ShouldBeIdentical(once);
    }

    // Item 6: trainers on parallel threads sharing one TrainerOptions (one Adam, one RandomShift) differed from solo runs.
    [Fact]
    public void Train_InParallelWithSharedOptions_MatchesSoloRuns()
    {
        var x = TestData.Uniform(6, 40, seed: 3, low: 0, high: 1);
        var y = TestData.OneHot(3, 40, seed: 4);
        var options = new TrainerOptions
        {
            Epochs = 8, BatchSize = 5, LearningRate = 0.01, Optimizer = new Adam(), Augmentation = new RandomShift(3, 2, 1),
            Loss = new CategoricalCrossEntropy(), CollectDiagnostics = false,
        };
        Network Build(int seed)
        {
            var network = new Network(new Layer(6, 16, new ReLU()), new Layer(16, 3, new Softmax()));
            network.Initialize(seed);
            return network;
        }
        const int Runs = 24;
        var solo = Enumerable.Range(0, Runs).Select(seed =>
        {
            var network = Build(seed);
            new Trainer(network, options with { Seed = seed }).Train(x, y);
            return TestData.Snapshot(network);
        }).ToArray();

        var parallel = new double[Runs][][];
        Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, seed =>
        {
            var network = Build(seed);
            new Trainer(network, options with { Seed = seed }).Train(x, y);
            parallel[seed] = TestData.Snapshot(network);
        });

        for (int i = 0; i < Runs; i++) parallel[i].ShouldBeIdentical(solo[i]);
    }

    [Fact]
    public void RandomShift_SharedByThreads_ShiftsEachBatchAsItWouldAlone()
    {
        var shift = new RandomShift(28, 28, 2);
        var batch = TestData.Uniform(784, 32, seed: 8, low: 0, high: 1);
        Matrix<double> Shifted(int seed, int round)
        {
            var copy = batch.Clone();
            shift.Apply(copy, new Random(seed * 1000 + round));
            return copy;
        }
        var expected = Enumerable.Range(0, 4).Select(t => Enumerable.Range(0, 40).Select(r => Shifted(t, r)).ToArray()).ToArray();
        var actual = new Matrix<double>[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => actual[t] = Enumerable.Range(0, 40).Select(r => Shifted(t, r)).ToArray());
        for (int t = 0; t < 4; t++)
            for (int r = 0; r < 40; r++)
                actual[t][r].Enumerate().SequenceEqual(expected[t][r].Enumerate()).ShouldBeTrue($"thread {t}, batch {r}");
    }

    [Fact]
    public async Task Train_TwoConcurrentRunsIntoOneCheckpointFolder_SecondIsRejected()
    {
        using var dir = new TempDirectory();
        var options = new TrainerOptions { Epochs = 2, BatchSize = 4, Checkpoints = new CheckpointOptions(dir.Path) };
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => new Trainer(Xor(), options).Train(XorX, XorY, new SynchronousProgress<EpochReport>(r =>
        {
            if (r.Epoch == 1) { started.Set(); release.Wait(); }
        })));
        started.Wait();
        try
        {
            Should.Throw<InvalidOperationException>(() => new Trainer(Xor(), options).Train(XorX, XorY)).Message.ShouldContain("own CheckpointOptions folder");
        }
        finally
        {
            release.Set();
        }
        await first;
        Should.NotThrow(() => new Trainer(Xor(), options with { Epochs = 1 }).Train(XorX, XorY));   // released after the run
    }
}
