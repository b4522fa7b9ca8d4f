using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Performance;

/// <summary>
/// The fast path (the layer's products on NeuralNet's GEMM kernel) against the plain path (MathNet's managed provider):
/// the same training, equal within 1e-12 relative. Swaps MathNet's process-wide provider, so it runs alone.
/// </summary>
[Collection(nameof(MathNetProviderCollection))]
public class FastPathEquivalenceTests
{
    [Theory]
    [InlineData(false, 10)]
    [InlineData(true, 32)]
    public void Training_WithTheFastKernel_MatchesMathNetsManagedProvider(bool relu, int batchSize)
    {
        ShouldMatch(Train(relu, batchSize, managed: false), Train(relu, batchSize, managed: true));
    }

    /// <summary>Every parameter of <paramref name="fast"/> within 1e-12 of the largest |value| of its array in <paramref name="plain"/>.</summary>
    internal static void ShouldMatch(Network fast, Network plain)
    {
        for (int p = 0; p < fast.Parameters.Count; p++)
        {
            var (f, g) = (fast.Parameters[p].Value, plain.Parameters[p].Value);
            double scale = Math.Max(1e-300, g.Max(Math.Abs));
            for (int i = 0; i < f.Length; i++)
                Math.Abs(f[i] - g[i]).ShouldBeLessThanOrEqualTo(1e-12 * scale, $"parameter {fast.Parameters[p].Name} of layer group {p}, entry {i}");
        }
    }

    [Fact]
    public void Training_WithTheFastKernel_IsBitIdenticalRunToRun()
    {
        var first = Train(relu: true, batchSize: 32, managed: false);
        var second = Train(relu: true, batchSize: 32, managed: false);
        for (int p = 0; p < first.Parameters.Count; p++)
            first.Parameters[p].Value.ShouldBe(second.Parameters[p].Value);
    }

    [Theory]
    [InlineData(30, 784, 10)]    // dW = dZ·Xᵀ/m of 784-30-10 at batch 10
    [InlineData(100, 784, 256)]  // one k-block at the largest batch that keeps one
    public void MultiplyTransposeB_FoldingAlphaIn_IsBitIdenticalToScalingAfterwards(int rows, int columns, int batch)
    {
        // While k fits one k-block the kernel computes α·acc, exactly what MathNet's product (α = 1) followed by a scaling pass gives.
        var previous = LinearAlgebraControl.Provider;
        try
        {
            FastLinearAlgebra.Use();
            var random = new Random(rows + columns + batch);
            var dZ = Matrix<double>.Build.Dense(rows, batch, (_, _) => random.NextDouble() - 0.5);
            var x = Matrix<double>.Build.Dense(columns, batch, (_, _) => random.NextDouble());
            var folded = Matrix<double>.Build.Dense(rows, columns);
            Products.MultiplyTransposeB(dZ, x, folded, alpha: 1.0 / batch);

            var separate = Matrix<double>.Build.Dense(rows, columns);
            dZ.TransposeAndMultiply(x, separate);
            separate.Multiply(1.0 / batch, separate);

            folded.AsColumnMajorArray().ShouldBe(separate.AsColumnMajorArray());
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }

    /// <summary>Three epochs of the benchmark's kind of training (sigmoid output, MSE, plain SGD) on 200 random samples.</summary>
    internal static Network Train(bool relu, int batchSize, bool managed)
    {
        var previous = LinearAlgebraControl.Provider;
        try
        {
            IActivation Hidden() => relu ? new ReLU() : new Sigmoid();
            var network = relu
                ? new Network(new Layer(64, 40, Hidden()), new Layer(40, 40, Hidden()), new Layer(40, 10, new Sigmoid()))
                : new Network(new Layer(64, 30, Hidden()), new Layer(30, 10, new Sigmoid()));
            network.Initialize(seed: 5);
            if (managed) LinearAlgebraControl.Provider = ManagedLinearAlgebraProvider.Instance;
            else FastLinearAlgebra.Use();

            var random = new Random(6);
            var x = Matrix<double>.Build.Dense(64, 200, (_, _) => random.NextDouble());
            var y = Matrix<double>.Build.Dense(10, 200, (r, c) => r == c % 10 ? 1 : 0);
            new Trainer(network, new TrainerOptions
            {
                Epochs = 3, BatchSize = batchSize, LearningRate = relu ? 0.05 : 3.0, Seed = 7,
                Loss = new MeanSquaredError(), Optimizer = new Sgd(),
            }).Train(x, y);
            return network;
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }
}
