using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class TrainerTests
{
    // y = 2x − 1 at ten points of [−1, 1]: one column per sample
    private static readonly Matrix<double> LineX = TestData.Row(-1, -0.8, -0.6, -0.4, -0.2, 0.2, 0.4, 0.6, 0.8, 1);
    private static readonly Matrix<double> LineY = LineX.Map(x => 2 * x - 1);

    // a seeded classification batch for a 3-4-2 network
    private static readonly Matrix<double> BlobX = TestData.Uniform(3, 10, seed: 11);
    private static readonly Matrix<double> BlobY = TestData.OneHot(2, 10, seed: 12);

    /// <summary>a = w·x + b with w = 0 and b = 0.</summary>
    private static Network Linear()
    {
        var network = new Network(new Layer(1, 1, new Identity()));
        network.Dense(0).Weights.Clear();
        return network;
    }

    private static Network Classifier()
    {
        var network = new Network(new Layer(3, 4, new Tanh()), new Layer(4, 2, new Softmax()));
        network.Initialize(new XavierNormal(), seed: 5);
        return network;
    }

    private static TrainerOptions ClassifierOptions(int seed) => new()
    {
        Epochs = 5, BatchSize = 3, LearningRate = 0.3, Seed = seed,
        Loss = new CategoricalCrossEntropy(), Optimizer = new Sgd(momentum: 0.5),
    };

    [Fact]
    public void Train_ReportsEveryEpochNumberedFromOne()
    {
        var history = new Trainer(Classifier(), ClassifierOptions(seed: 1)).Train(BlobX, BlobY);

        history.Epochs.Select(e => e.Epoch).ShouldBe([1, 2, 3, 4, 5]);
        history.Epochs.ShouldAllBe(e => e.LearningRate == 0.3 && e.Layers.Count == 2 && e.Elapsed >= TimeSpan.Zero);
        history.FinalLoss.ShouldBe(history.Epochs[^1].Loss);
        history.Cancelled.ShouldBeFalse();
    }

    [Fact]
    public void Train_DecreasesTheLossEveryEpochOnALinearProblem()
    {
        var trainer = new Trainer(Linear(), new TrainerOptions { Epochs = 20, BatchSize = 10, LearningRate = 0.5, Shuffle = false });

        var losses = trainer.Train(LineX, LineY).Epochs.Select(e => e.Loss).ToArray();

        for (int e = 1; e < losses.Length; e++)
            losses[e].ShouldBeLessThan(losses[e - 1], $"epoch {e + 1}");
        losses[^1].ShouldBeLessThan(losses[0] / 100);
    }

    [Fact]
    public void Train_ReportsTheLossOfEachBatchBeforeItsUpdate()
    {
        // one full batch per epoch: epoch 1's loss is the untrained network's cost; with W = 0, b = 0 it is (1/2)·mean(y²)
        var network = Linear();
        double expected = LineY.Enumerate().Sum(y => y * y) / (2 * 10);

        var history = new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 10 }).Train(LineX, LineY);

        history.Epochs[0].Loss.ShouldBe(expected, 1e-15);
    }

    [Fact]
    public void Train_WeightsTheLossOfASmallerLastBatchByItsSize()
    {
        // batches of 4, 4 and 2 samples; W = 0, b = 0 does not move with a tiny η, so the epoch's loss is (1/2)·mean(y²) over all 10
        var network = Linear();
        double expected = LineY.Enumerate().Sum(y => y * y) / (2 * 10);

        var history = new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = 4, LearningRate = 1e-12 }).Train(LineX, LineY);

        history.Epochs[0].Loss.ShouldBe(expected, 1e-9);
    }

    [Fact]
    public void Train_FillsValidationLossAndAccuracyForOneOutput()
    {
        // σ(10x): the network predicts "1" for x > 0. Validation x = (−1, −0.5, 0.5, 1) with y = (0, 1, 1, 1): 3 of 4 right.
        // Cost with a = (σ(−10), σ(−5), σ(5), σ(10)): errors σ(−10), 1 − σ(−5), 1 − σ(5) = σ(−5), 1 − σ(10) = σ(−10)
        var network = new Network(new Layer(1, 1, new Sigmoid()));
        network.Dense(0).Weights[0, 0] = 10;
        double s5 = 1 / (1 + Math.Exp(5)), s10 = 1 / (1 + Math.Exp(10)), s_5 = 1 / (1 + Math.Exp(-5));
        double expectedLoss = (s10 * s10 + (1 - s5) * (1 - s5) + (1 - s_5) * (1 - s_5) + s10 * s10) / 8;
        var options = new TrainerOptions { Epochs = 2, LearningRate = 1e-12 };

        var history = new Trainer(network, options).Train(TestData.Row(1), TestData.Row(1), TestData.Row(-1, -0.5, 0.5, 1), TestData.Row(0, 1, 1, 1));

        history.Epochs.ShouldAllBe(e => e.ValidationAccuracy == 0.75);
        history.Epochs[^1].ValidationLoss.ShouldNotBeNull().ShouldBe(expectedLoss, 1e-9);
    }

    [Fact]
    public void Train_MeasuresValidationAccuracyByArgmaxForSeveralOutputs()
    {
        // the identity network a = x: columns (1, 0), (0, 1), (0.2, 0.9) against class 0, 0, 1 → 2 of 3 right
        var network = new Network(new Layer(2, 2, new Identity()));
        network.Dense(0).Weights = Matrix<double>.Build.DenseIdentity(2);
        network.Dense(0).Biases.Clear();
        var validationX = TestData.Matrix(new double[,] { { 1, 0, 0.2 }, { 0, 1, 0.9 } });
        var validationY = TestData.Matrix(new double[,] { { 1, 1, 0 }, { 0, 0, 1 } });

        var history = new Trainer(network, new TrainerOptions { Epochs = 1, LearningRate = 1e-12 })
            .Train(TestData.Column(1, 0), TestData.Column(1, 0), validationX, validationY);

        history.Epochs[0].ValidationAccuracy.ShouldNotBeNull().ShouldBe(2.0 / 3, 1e-15);
        // the quadratic cost of a = x: column 1 is off by (1, 1), column 2 by (0.2, 0.1); C = (0 + 2 + 0.05) / (2·3)
        history.Epochs[0].ValidationLoss.ShouldNotBeNull().ShouldBe(2.05 / 6, 1e-9);
    }

    [Fact]
    public void Train_LeavesValidationNullWithoutValidationData()
    {
        var history = new Trainer(Classifier(), ClassifierOptions(seed: 1)).Train(BlobX, BlobY);

        history.Epochs.ShouldAllBe(e => e.ValidationLoss == null && e.ValidationAccuracy == null);
    }

    [Fact]
    public void Train_RejectsValidationInputsWithoutTargets()
    {
        var trainer = new Trainer(Classifier(), ClassifierOptions(seed: 1));

        Should.Throw<ArgumentException>(() => trainer.Train(BlobX, BlobY, BlobX, null)).ParamName.ShouldBe("validationTargets");
    }

    [Fact]
    public void Train_RejectsValidationDataOfTheWrongShape()
    {
        var trainer = new Trainer(Classifier(), ClassifierOptions(seed: 1));

        var exception = Should.Throw<ArgumentException>(() => trainer.Train(BlobX, BlobY, BlobX, TestData.OneHot(2, 9, seed: 1)));

        exception.Message.ShouldContain("validationTargets is 2×9");
    }

    [Fact]
    public void Train_SendsEveryReportToProgress()
    {
        var received = new List<EpochReport>();

        var history = new Trainer(Classifier(), ClassifierOptions(seed: 1)).Train(BlobX, BlobY, new SynchronousProgress<EpochReport>(received.Add));

        received.Count.ShouldBe(5);
        for (int e = 0; e < 5; e++)
            received[e].ShouldBeSameAs(history.Epochs[e]);
    }

    [Fact]
    public void Train_StopsAndMarksTheHistoryCancelledWhenCancellationIsRequested()
    {
        using var cancellation = new CancellationTokenSource();
        var received = new List<EpochReport>();
        var progress = new SynchronousProgress<EpochReport>(r =>
        {
            received.Add(r);
            if (r.Epoch == 2) cancellation.Cancel();
        });
        var trainer = new Trainer(Classifier(), ClassifierOptions(seed: 1) with { Epochs = 1000 });

        var history = trainer.Train(BlobX, BlobY, progress, cancellation.Token);

        history.Cancelled.ShouldBeTrue();
        history.Epochs.Count.ShouldBe(2);
        received.Count.ShouldBe(2);
    }

    [Fact]
    public void Train_GathersEachBatchExactly_WhenBothCoresGather()
    {
        // Batches of 32 × 784 values are gathered on both cores, each a band of the columns; unshuffled, an epoch
        // must equal TrainBatch on the same consecutive column slices, bit for bit.
        var x = TestData.Uniform(784, 96, seed: 21);
        var y = TestData.OneHot(10, 96, seed: 22);
        Network Create()
        {
            var network = new Network(new Layer(784, 100, new Sigmoid()), new Layer(100, 10, new Softmax()));
            network.Initialize(new XavierNormal(), seed: 23);
            return network;
        }
        var options = new TrainerOptions { Epochs = 1, BatchSize = 32, LearningRate = 0.5, Shuffle = false, Loss = new CategoricalCrossEntropy() };
        var trained = Create();
        var manual = Create();

        new Trainer(trained, options).Train(x, y);
        var stepper = new Trainer(manual, options);
        for (int start = 0; start < 96; start += 32)
            stepper.TrainBatch(x.SubMatrix(0, 784, start, 32), y.SubMatrix(0, 10, start, 32));

        TestData.Snapshot(trained).ShouldBeIdentical(TestData.Snapshot(manual));
    }

    [Fact]
    public void TrainBatch_MakesExactlyOneStepOfBackpropagationAndTheOptimizer()
    {
        var trained = Classifier();
        var manual = Classifier();
        var loss = new CategoricalCrossEntropy();

        double reported = new Trainer(trained, new TrainerOptions { LearningRate = 0.3, Loss = loss }).TrainBatch(BlobX, BlobY);
        var gradients = manual.Backpropagate(BlobX, BlobY, loss);         // leaves ∂C/∂θ in manual.Parameters
        new Sgd().Step(manual.Parameters, 0.3);

        reported.ShouldBe(gradients.Loss);
        TestData.Snapshot(trained).ShouldBeIdentical(TestData.Snapshot(manual));
    }

    [Fact]
    public void TrainBatch_AddsWeightDecayToWeightGradientsOnly()
    {
        // 2 → 1 Identity, W = (1, 2), b = 0.5, x = (1, 1), y = 3:  a = 3.5,  C = (1/2)(0.5)² = 0.125
        // ∂C/∂W = (a − y)·xᵀ = (0.5, 0.5);  with λ = 0.1: g_W = (0.5 + 0.1·1, 0.5 + 0.1·2) = (0.6, 0.7);  g_b = 0.5 (no decay)
        // η = 0.1: W = (1 − 0.06, 2 − 0.07) = (0.94, 1.93),  b = 0.5 − 0.05 = 0.45
        var network = new Network(new Layer(2, 1, new Identity()));
        network.Dense(0).Weights = TestData.Matrix(new double[,] { { 1, 2 } });
        network.Dense(0).Biases[0] = 0.5;
        var trainer = new Trainer(network, new TrainerOptions { LearningRate = 0.1, WeightDecay = 0.1 });

        double loss = trainer.TrainBatch(TestData.Column(1, 1), TestData.Column(3));

        loss.ShouldBe(0.125, 1e-15);
        network.Dense(0).Weights.ShouldEqual(new double[,] { { 0.94, 1.93 } }, 1e-15);
        network.Dense(0).Biases[0].ShouldBe(0.45, 1e-15);
    }

    [Fact]
    public void Train_ArrayOverloadEqualsMatrixOverload()
    {
        var fromMatrices = Classifier();
        var fromArrays = Classifier();
        var xs = Enumerable.Range(0, 10).Select(j => BlobX.Column(j).ToArray()).ToArray();
        var ys = Enumerable.Range(0, 10).Select(j => BlobY.Column(j).ToArray()).ToArray();

        var h1 = new Trainer(fromMatrices, ClassifierOptions(seed: 3)).Train(BlobX, BlobY);
        var h2 = new Trainer(fromArrays, ClassifierOptions(seed: 3)).Train(xs, ys);

        TestData.Snapshot(fromArrays).ShouldBeIdentical(TestData.Snapshot(fromMatrices));
        h2.Epochs.Select(e => e.Loss).ShouldBe(h1.Epochs.Select(e => e.Loss));
    }

    [Fact]
    public void Train_ArrayOverloadRejectsADifferentNumberOfInputsAndTargets()
    {
        var trainer = new Trainer(Classifier(), ClassifierOptions(seed: 1));

        var exception = Should.Throw<ArgumentException>(() => trainer.Train([[1.0, 2, 3], [4.0, 5, 6]], [[1.0, 0]]));

        exception.Message.ShouldContain("3×2");
        exception.Message.ShouldContain("2×1");
    }

    [Fact]
    public void Train_IsBitIdenticalForTheSameSeed()
    {
        var first = Classifier();
        var second = Classifier();

        new Trainer(first, ClassifierOptions(seed: 9)).Train(BlobX, BlobY);
        new Trainer(second, ClassifierOptions(seed: 9)).Train(BlobX, BlobY);

        TestData.Snapshot(second).ShouldBeIdentical(TestData.Snapshot(first));
    }

    [Fact]
    public void Train_ShufflesDifferentlyForDifferentSeeds()
    {
        var first = Classifier();
        var second = Classifier();

        new Trainer(first, ClassifierOptions(seed: 9)).Train(BlobX, BlobY);
        new Trainer(second, ClassifierOptions(seed: 10)).Train(BlobX, BlobY);

        TestData.Snapshot(second)[0].ShouldNotBe(TestData.Snapshot(first)[0]);
    }

    [Fact]
    public void Train_WithoutShuffleIgnoresTheSeed()
    {
        var first = Classifier();
        var second = Classifier();

        new Trainer(first, ClassifierOptions(seed: 9) with { Shuffle = false }).Train(BlobX, BlobY);
        new Trainer(second, ClassifierOptions(seed: 10) with { Shuffle = false }).Train(BlobX, BlobY);

        TestData.Snapshot(second).ShouldBeIdentical(TestData.Snapshot(first));
    }

    [Fact]
    public void Train_SolvesXorAsInTheReadme()
    {
        // the README example: 2-3-1 Tanh/Sigmoid, Xavier-uniform from seed 7, SGD with momentum 0.9, η = 0.5, 2000 full-batch epochs
        var x = TestData.Matrix(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
        var y = TestData.Row(0, 1, 1, 0);
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
        network.Initialize(new XavierUniform(), seed: 7);
        var trainer = new Trainer(network, new TrainerOptions
        {
            Epochs = 2000, BatchSize = 4, LearningRate = 0.5, Seed = 7,
            Loss = new MeanSquaredError(), Optimizer = new Sgd(momentum: 0.9),
        });

        trainer.Train(x, y);

        var output = network.Predict(x);
        for (int j = 0; j < 4; j++)
            Math.Abs(output[0, j] - y[0, j]).ShouldBeLessThan(0.1, $"sample ({x[0, j]}, {x[1, j]})");
    }

    [Fact]
    public void Train_RejectsInputsWithTheWrongRowsNamingBothShapes()
    {
        var trainer = new Trainer(new Network(new Layer(2, 1, new Sigmoid())), new TrainerOptions());

        var exception = Should.Throw<ArgumentException>(() => trainer.Train(TestData.Uniform(3, 4, seed: 1), TestData.Uniform(1, 4, seed: 2)));

        exception.Message.ShouldContain("3×4");
        exception.Message.ShouldContain("2×m");
    }

    [Fact]
    public void Train_RejectsTargetsWithAnotherColumnCount()
    {
        var trainer = new Trainer(new Network(new Layer(2, 1, new Sigmoid())), new TrainerOptions());

        var exception = Should.Throw<ArgumentException>(() => trainer.Train(TestData.Uniform(2, 4, seed: 1), TestData.Uniform(1, 5, seed: 2)));

        exception.Message.ShouldContain("2×4");
        exception.Message.ShouldContain("1×5");
    }

    [Theory]
    [InlineData("inputs", double.NaN)]
    [InlineData("inputs", double.PositiveInfinity)]
    [InlineData("targets", double.NegativeInfinity)]
    [InlineData("targets", double.NaN)]
    public void TrainAndTrainBatch_RejectNonFiniteValuesNamingRowAndColumn(string which, double bad)
    {
        var network = new Network(new Layer(2, 2, new Sigmoid()));
        var before = TestData.Snapshot(network);
        var x = TestData.Uniform(2, 4, seed: 1);
        var y = TestData.Uniform(2, 4, seed: 2);
        (which == "inputs" ? x : y)[1, 3] = bad;
        var trainer = new Trainer(network, new TrainerOptions());

        foreach (var exception in new[] { Should.Throw<ArgumentException>(() => trainer.Train(x, y)), Should.Throw<ArgumentException>(() => trainer.TrainBatch(x, y)) })
        {
            exception.ParamName.ShouldBe(which);
            exception.Message.ShouldContain("row 1, column 3");
        }
        TestData.Snapshot(network).ShouldBeIdentical(before);
    }

    [Fact]
    public void Train_ThrowsTrainingDivergedWhenTheLossOverflows()
    {
        // y = x through an identity unit with η = 10: every step multiplies the error by about −74, so the cost overflows
        var network = new Network(new Layer(1, 1, new Identity()));
        network.Dense(0).Weights[0, 0] = 2;
        var trainer = new Trainer(network, new TrainerOptions { Epochs = 1000, BatchSize = 4, LearningRate = 10 });

        var exception = Should.Throw<TrainingDivergedException>(() => trainer.Train(TestData.Row(1, 2, 3, 4), TestData.Row(1, 2, 3, 4)));

        // the gradient's norm may overflow one step before the cost does, so either may be the reason given
        exception.Epoch.ShouldBeInRange(2, 1000);
        exception.Batch.ShouldBe(1);
        exception.LearningRate.ShouldBe(10);
        exception.Message.ShouldContain($"epoch {exception.Epoch}, mini-batch 1");
        exception.Message.ShouldContain($"(loss = {exception.Loss})");
        exception.Message.ShouldContain("smaller learning rate");
        network.Parameters.SelectMany(p => p.Value).ShouldAllBe(v => double.IsFinite(v));
    }

    [Theory]
    [InlineData(1e3)]
    [InlineData(1e200)]
    public void Train_KeepsFiniteWeightsWhenAReLUNetworkDiverges(double learningRate)
    {
        var network = new Network(new Layer(3, 4, new ReLU()), new Layer(4, 2, new Identity()));
        var trainer = new Trainer(network, new TrainerOptions { Epochs = 1000, BatchSize = 4, LearningRate = learningRate });

        var exception = Should.Throw<TrainingDivergedException>(() => trainer.Train(BlobX, BlobY));

        exception.Epoch.ShouldBeInRange(1, 1000);
        exception.Batch.ShouldBeInRange(1, 3);
        exception.Message.ShouldContain("smaller learning rate");
        network.Parameters.SelectMany(p => p.Value).ShouldAllBe(v => double.IsFinite(v));
    }

    [Fact]
    public void TrainBatch_ThrowsTrainingDivergedWithoutUpdating()
    {
        // W = 1e200 makes a = 1e200 and C = (1/2)a² overflow on the first batch
        var network = new Network(new Layer(1, 1, new Identity()));
        network.Dense(0).Weights[0, 0] = 1e200;
        var before = TestData.Snapshot(network);

        var exception = Should.Throw<TrainingDivergedException>(() => new Trainer(network, new TrainerOptions()).TrainBatch(TestData.Row(1), TestData.Row(0)));

        (exception.Epoch, exception.Batch).ShouldBe((1, 1));
        exception.Loss.ShouldBe(double.PositiveInfinity);
        exception.Message.ShouldContain("the loss became");
        TestData.Snapshot(network).ShouldBeIdentical(before);
    }

    [Fact]
    public void TrainBatch_ThrowsTrainingDivergedWithoutUpdating_WhenTheStepWouldOverflow()
    {
        // a = w·x = 1e10 and C = a²/2 = 5e19 are finite, and so is ∂C/∂w = a·x = 1e20; but η·∂C/∂w = 1e320 is not,
        // so applying the step would leave w = −∞
        var network = new Network(new Layer(1, 1, new Identity()));
        network.Dense(0).Weights[0, 0] = 1;
        var before = TestData.Snapshot(network);

        var exception = Should.Throw<TrainingDivergedException>(() =>
            new Trainer(network, new TrainerOptions { LearningRate = 1e300 }).TrainBatch(TestData.Row(1e10), TestData.Row(0)));

        (exception.Epoch, exception.Batch).ShouldBe((1, 1));
        exception.Loss.ShouldBe(5e19);
        exception.Message.ShouldContain("the step η·‖∂C/∂θ‖ overflows");
        exception.Message.ShouldContain("smaller learning rate than 1E+300");
        TestData.Snapshot(network).ShouldBeIdentical(before);
    }

    [Fact]
    public void Constructor_RejectsNullArguments()
    {
        Should.Throw<ArgumentNullException>(() => new Trainer(null!, new TrainerOptions()));
        Should.Throw<ArgumentNullException>(() => new Trainer(Linear(), null!));
    }
}
