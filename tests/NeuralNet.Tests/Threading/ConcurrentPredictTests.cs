using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Threading;

/// <summary>
/// The threading contract of <see cref="Network"/>: Predict from many threads at once gives the single-threaded answer
/// bit for bit; training from two threads, or predicting during a training step, throws InvalidOperationException.
/// </summary>
public class ConcurrentPredictTests
{
    private static Network Trained(bool batchNorm)
    {
        var network = batchNorm
            ? new Network(new Layer(784, 64, new ReLU(), batchNorm: true, dropout: 0.2), new Layer(64, 10, new Softmax()))
            : new Network(new Layer(784, 64, new ReLU()), new Layer(64, 10, new Softmax()));
        var x = TestData.Uniform(784, 200, seed: 1, low: 0, high: 1);
        var y = TestData.OneHot(10, 200, seed: 2);
        new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = 3, Loss = new CategoricalCrossEntropy() }).Train(x, y);
        return network;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Predict_From8ThreadsAtOnce_IsBitIdenticalToSingleThreaded(bool batchNorm)
    {
        var network = Trained(batchNorm);
        int[] batchSizes = [1, 3, 10, 32];
        var inputs = batchSizes.Select((m, i) => TestData.Uniform(784, m, seed: 10 + i, low: 0, high: 1)).ToArray();
        var expected = inputs.Select(x => network.Predict(x).AsColumnMajorArray()).ToArray();

        int mismatches = 0, calls = 0;
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 300; i++)
            {
                int k = (t + i) % inputs.Length;
                if (!network.Predict(inputs[k]).AsColumnMajorArray().AsSpan().SequenceEqual(expected[k])) Interlocked.Increment(ref mismatches);
                Interlocked.Increment(ref calls);
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        calls.ShouldBe(2400);
        mismatches.ShouldBe(0);
    }

    [Fact]
    public void Predict_GivesWhatTheTrainingPathGivesInInferenceMode()
    {
        var network = Trained(batchNorm: true);
        var x = TestData.Uniform(784, 7, seed: 4, low: 0, high: 1);
        var expected = network.Layers.Aggregate(x, (a, layer) => layer.Forward(a, training: false).Clone());

        network.Predict(x).AsColumnMajorArray().ShouldBe(expected.AsColumnMajorArray());
    }

    [Fact]
    public void Predict_LeavesTheTrainingBuffersAlone()
    {
        var network = new Network(new Layer(4, 3, new Tanh()), new Layer(3, 2, new Sigmoid()));
        for (int m = 1; m <= 50; m++) network.Predict(TestData.Uniform(4, m, seed: m));

        // no forward pass of the layers ran: they hold no buffers for any of the 50 batch sizes
        Should.Throw<InvalidOperationException>(() => network.Dense(1).Backward(TestData.Uniform(2, 1, seed: 0)));
    }

    [Fact]
    public void Predict_WhenWarm_AllocatesLittleMoreThanItsResult()
    {
        var network = Trained(batchNorm: true);
        var x = TestData.Uniform(784, 16, seed: 5, low: 0, high: 1);
        for (int i = 0; i < 3; i++) network.Predict(x);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) network.Predict(x);
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        perCall.ShouldBeLessThan(10 * 16 * sizeof(double) + 1024);   // the 10 × 16 result, its matrix objects, no workspace
    }

    /// <summary>An optimizer that parks inside its step until released: a training step that lasts as long as the test wants.</summary>
    private sealed class ParkedOptimizer : IOptimizer
    {
        public readonly ManualResetEventSlim Inside = new(), Release = new();
        public void Reset() { }
        public void Step(IReadOnlyList<Parameter> parameters, double learningRate)
        {
            Inside.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task PredictOrASecondTrainer_DuringATrainingStep_ThrowInvalidOperation()
    {
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
        var x = TestData.Matrix(new double[,] { { 0, 1 }, { 1, 0 } });
        var y = TestData.Row(1, 1);
        var parked = new ParkedOptimizer();
        var trainer = new Trainer(network, new TrainerOptions { Optimizer = parked, Loss = new MeanSquaredError() });
        var training = Task.Run(() => trainer.TrainBatch(x, y));
        parked.Inside.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();

        Should.Throw<InvalidOperationException>(() => network.Predict(x)).Message.ShouldContain("being trained");
        Should.Throw<InvalidOperationException>(() => new Trainer(network, trainer.Options with { Optimizer = new Sgd() }).TrainBatch(x, y))
            .Message.ShouldContain("another thread");
        Should.Throw<InvalidOperationException>(() => network.Backpropagate(x, y, new MeanSquaredError()));

        parked.Release.Set();
        await training.WaitAsync(TimeSpan.FromSeconds(30));
        network.Predict(x).RowCount.ShouldBe(1);   // after the step, predicting works again
    }

    /// <summary>A layer of the user's own that passes X through, and parks inside inference until released.</summary>
    private sealed class ParkedIdentity(int size) : ILayer
    {
        public readonly ManualResetEventSlim Inside = new(), Release = new();
        public int InputSize => size;
        public int OutputSize => size;
        public IReadOnlyList<Parameter> Parameters => [];
        public Matrix<double> Forward(Matrix<double> input, bool training)
        {
            if (!training)
            {
                Inside.Set();
                Release.Wait(TimeSpan.FromSeconds(30));
            }
            return input;
        }
        public Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient) => computeInputGradient ? outputGradient : null;
    }

    [Fact]
    public async Task Predict_OverlappedByATrainingStep_ThrowsInsteadOfReturningAMix()
    {
        var parked = new ParkedIdentity(3);
        var network = new Network(new Layer(2, 3, new Tanh()), parked, new Layer(3, 1, new Sigmoid()));
        var x = TestData.Matrix(new double[,] { { 0, 1 }, { 1, 0 } });
        var y = TestData.Row(1, 1);
        var predicting = Task.Run(() => network.Predict(x));
        parked.Inside.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();   // Predict has passed layer 1 with the old weights

        new Trainer(network, new TrainerOptions { Loss = new MeanSquaredError() }).TrainBatch(x, y);   // moves layer 2's weights
        parked.Release.Set();

        (await Should.ThrowAsync<InvalidOperationException>(predicting.WaitAsync(TimeSpan.FromSeconds(30)))).Message.ShouldContain("being trained");
    }
}
