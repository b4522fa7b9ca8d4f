using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Issue 16, item 13: the parallel products claim their parts, so the result never depends on which thread runs a part or
/// whether a worker shows up at all; <see cref="NeuralNetSettings.MaxThreads"/> turns the workers off. (How fast that is
/// under load is measured, not tested: benchmarks/results/2026-12-01-reliability.txt.)
/// </summary>
[Collection("Console")]   // changes a process-wide setting; kept apart from the tests that redirect the console
public class ThreadingTests
{
    private static Matrix<double> Product(Matrix<double> a, Matrix<double> b)
    {
        var c = Matrix<double>.Build.Dense(a.RowCount, b.ColumnCount);
        a.Multiply(b, c);
        return c;
    }

    [Fact]
    public void MaxThreads_RejectsLessThanOne()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => NeuralNetSettings.MaxThreads = 0).Message.ShouldContain("MaxThreads=0");
        NeuralNetSettings.MaxThreads.ShouldBeInRange(1, Environment.ProcessorCount);
    }

    [Fact]
    public void MaxThreadsOne_GivesBitIdenticalProductsAndTraining()
    {
        var a = TestData.Uniform(300, 257, seed: 1);
        var b = TestData.Uniform(257, 190, seed: 2);
        int saved = NeuralNetSettings.MaxThreads;
        Matrix<double> parallel, serial;
        double[][] parallelWeights, serialWeights;
        try
        {
            parallel = Product(a, b);
            parallelWeights = Train();
            NeuralNetSettings.MaxThreads = 1;
            GemmParallel.MaxParts.ShouldBe(1);
            serial = Product(a, b);
            serialWeights = Train();
        }
        finally
        {
            NeuralNetSettings.MaxThreads = saved;
        }
        serial.Enumerate().SequenceEqual(parallel.Enumerate()).ShouldBeTrue();
        serialWeights.ShouldBeIdentical(parallelWeights);
    }

    private static double[][] Train()
    {
        var network = new Network(new Layer(400, 300, new ReLU()), new Layer(300, 10, new Softmax()));
        network.Initialize(3);
        new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 128, Loss = new NeuralNet.Losses.CategoricalCrossEntropy() })
            .Train(TestData.Uniform(400, 256, seed: 4), TestData.OneHot(10, 256, seed: 5));
        return TestData.Snapshot(network);
    }

    [Fact]
    public void Products_FromManyThreadsAtOnce_AllEqualTheSerialOne()
    {
        // Threads compete for the workers (one job at a time; the others compute alone) and for the cores (more threads
        // than cores, so workers are often not scheduled when their part is ready): every product must still be exact.
        var a = TestData.Uniform(256, 200, seed: 6);
        var b = TestData.Uniform(200, 256, seed: 7);
        var expected = Product(a, b);
        var results = new Matrix<double>[4 * Environment.ProcessorCount][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, t =>
            results[t] = Enumerable.Range(0, 15).Select(_ => Product(a, b)).ToArray());
        results.SelectMany(r => r).ShouldAllBe(c => c.Enumerate().SequenceEqual(expected.Enumerate()));
    }
}
