using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Performance;

/// <summary>
/// The fast path (the layer's products on NeuralNet's GEMM kernel) against MathNet's own products: the same training,
/// equal within 1e-12 relative, and bit-identical run to run. (The plain oracle for the whole backward pass is
/// Reference/NielsenBackprop; this compares whole training runs.)
/// </summary>
public class FastPathEquivalenceTests
{
    [Theory]
    [InlineData(false, 10)]
    [InlineData(true, 32)]
    public void Training_WithTheFastKernel_MatchesMathNetsProducts(bool relu, int batchSize)
    {
        var fast = Train(relu, batchSize, mathNet: false);
        var plain = Train(relu, batchSize, mathNet: true);

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
        var first = Train(relu: true, batchSize: 32, mathNet: false);
        var second = Train(relu: true, batchSize: 32, mathNet: false);
        for (int p = 0; p < first.Parameters.Count; p++)
            first.Parameters[p].Value.ShouldBe(second.Parameters[p].Value);
    }

    [Theory]
    [InlineData(30, 784, 10)]    // dW = dZ·Xᵀ/m of 784-30-10 at batch 10
    [InlineData(100, 784, 256)]  // one k-block at the largest batch that keeps one
    public void MultiplyTransposeB_FoldingAlphaIn_IsBitIdenticalToScalingAfterwards(int rows, int columns, int batch)
    {
        // While k fits one k-block the kernel computes α·acc, exactly what the product (α = 1) followed by a scaling pass gives.
        var random = new Random(rows + columns + batch);
        var dZ = Matrix<double>.Build.Dense(rows, batch, (_, _) => random.NextDouble() - 0.5);
        var x = Matrix<double>.Build.Dense(columns, batch, (_, _) => random.NextDouble());
        var folded = Matrix<double>.Build.Dense(rows, columns);
        Products.MultiplyTransposeB(dZ, x, folded, alpha: 1.0 / batch);

        var separate = Matrix<double>.Build.Dense(rows, columns);
        Products.MultiplyTransposeB(dZ, x, separate);
        separate.Multiply(1.0 / batch, separate);

        folded.AsColumnMajorArray().ShouldBe(separate.AsColumnMajorArray());
    }

    /// <summary>MathNet's products instead of the kernel: the same layer, its products done with MathNet's operators.</summary>
    private sealed class MathNetDense(int inputs, int outputs, IActivation f) : ILayer
    {
        private readonly Layer _twin = new(inputs, outputs, f);
        private Matrix<double>? _x, _z, _a;
        public int InputSize => inputs;
        public int OutputSize => outputs;
        public IReadOnlyList<Parameter> Parameters => _twin.Parameters;
        public Layer Twin => _twin;

        public Matrix<double> Forward(Matrix<double> input, bool training)
        {
            _x = input;
            _z = _twin.Weights.Multiply(input);
            for (int c = 0; c < _z.ColumnCount; c++) _z.SetColumn(c, _z.Column(c) + _twin.Biases);
            _a = Matrix<double>.Build.Dense(outputs, input.ColumnCount);
            f.Forward(_z, _a);
            return _a;
        }

        public Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient)
        {
            int m = _x!.ColumnCount;
            var dZ = Matrix<double>.Build.Dense(outputs, m);
            f.Backward(_z!, _a!, outputGradient, dZ);
            dZ.TransposeAndMultiply(_x).Divide(m).AsColumnMajorArray().CopyTo(_twin.Parameters[0].Gradient, 0);
            dZ.RowSums().Divide(m).AsArray().CopyTo(_twin.Parameters[1].Gradient, 0);
            return computeInputGradient ? _twin.Weights.TransposeThisAndMultiply(dZ) : null;
        }
    }

    /// <summary>Three epochs of the benchmark's kind of training (sigmoid output, MSE, plain SGD) on 200 random samples.</summary>
    private static Network Train(bool relu, int batchSize, bool mathNet)
    {
        IActivation Hidden() => relu ? new ReLU() : new Sigmoid();
        int[] sizes = relu ? [64, 40, 40, 10] : [64, 30, 10];
        var layers = Enumerable.Range(1, sizes.Length - 1).Select(l =>
        {
            IActivation f = l == sizes.Length - 1 ? new Sigmoid() : Hidden();
            return mathNet ? (ILayer)new MathNetDense(sizes[l - 1], sizes[l], f) : new Layer(sizes[l - 1], sizes[l], f);
        }).ToArray();
        var reference = new Network(layers.Select(l => l is MathNetDense d ? d.Twin : new Layer(l.InputSize, l.OutputSize, ((Layer)l).Activation)));
        reference.Initialize(seed: 5);                                   // the built-in initialisation, copied into both
        var network = new Network(layers);
        for (int p = 0; p < reference.Parameters.Count; p++) reference.Parameters[p].Value.CopyTo(network.Parameters[p].Value, 0);

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
}
