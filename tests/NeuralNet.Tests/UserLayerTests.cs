using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;
using NeuralNet.Training;
using NeuralNet.Onnx;
using NeuralNet.Serialization;

namespace NeuralNet.Tests;

/// <summary>
/// A dense layer written by hand against <see cref="ILayer"/>, the way a student would: plain MathNet operators, no
/// buffers. The network trains, checks and predicts with it exactly as with the built-in <see cref="Layer"/>.
/// </summary>
public class UserLayerTests
{
    /// <summary>Z = W·X + b, A = f(Z); backward dZ = dA ⊙ f′(Z), dW = dZ·Xᵀ/m, db = mean of dZ's columns, dX = Wᵀ·dZ.</summary>
    internal sealed class HandWrittenDense : ILayer
    {
        private readonly double[] _w, _b, _dW, _db;
        private readonly ElementwiseActivation _f;
        private Matrix<double>? _x, _z, _a;

        public HandWrittenDense(int inputs, int outputs, ElementwiseActivation f)
        {
            (InputSize, OutputSize, _f) = (inputs, outputs, f);
            (_w, _dW, _b, _db) = (new double[outputs * inputs], new double[outputs * inputs], new double[outputs], new double[outputs]);
            Parameters = [new Parameter("W", _w, _dW, isWeight: true), new Parameter("b", _b, _db, isWeight: false)];
        }

        public int InputSize { get; }
        public int OutputSize { get; }
        public IReadOnlyList<Parameter> Parameters { get; }
        private Matrix<double> W => Matrix<double>.Build.Dense(OutputSize, InputSize, _w);   // a view: column-major, as Parameter says

        public Matrix<double> Forward(Matrix<double> input, bool training)
        {
            _x = input;
            var b = Vector<double>.Build.Dense(_b);
            _z = W * input;
            for (int c = 0; c < _z.ColumnCount; c++) _z.SetColumn(c, _z.Column(c) + b);   // Z = W·X + b
            _a = _z.Map(_f.Apply);                                                         // A = f(Z)
            return _a;
        }

        public Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient)
        {
            int m = _x!.ColumnCount;
            var dZ = outputGradient.PointwiseMultiply(_z!.Map2((z, a) => _f.Derivative(z, a), _a!));   // dZ = dA ⊙ f′(Z)
            (dZ * _x.Transpose() / m).AsColumnMajorArray().CopyTo(_dW, 0);                               // dW = dZ·Xᵀ/m
            (dZ.RowSums() / m).AsArray().CopyTo(_db, 0);                                                 // db = mean of dZ's columns
            return computeInputGradient ? W.Transpose() * dZ : null;                                     // dX = Wᵀ·dZ
        }

        public override string ToString() => $"{InputSize}→{OutputSize} {_f} (hand-written)";
    }

    private static (Network BuiltIn, Network Mixed) Twins(int seed)
    {
        var builtIn = new Network(new Layer(3, 4, new Tanh()), new Layer(4, 5, new Sigmoid()), new Layer(5, 2, new Sigmoid()));
        builtIn.Initialize(seed);
        var hand = new HandWrittenDense(4, 5, new Sigmoid());
        var mixed = new Network(new Layer(3, 4, new Tanh()), hand, new Layer(5, 2, new Sigmoid()));
        for (int p = 0; p < builtIn.Parameters.Count; p++)
            builtIn.Parameters[p].Value.CopyTo(mixed.Parameters[p].Value, 0);
        return (builtIn, mixed);
    }

    [Fact]
    public void HandWrittenLayer_PassesTheGradientCheck()
    {
        var (_, mixed) = Twins(seed: 3);
        var x = TestData.Uniform(3, 6, seed: 1);
        var y = TestData.Uniform(2, 6, seed: 2, low: 0, high: 1);

        var check = GradientChecker.Check(mixed, x, y, new MeanSquaredError());

        check.MaxRelativeError.ShouldBeLessThan(1e-7);
        check.Layers[1].WeightRelativeError.ShouldBeGreaterThan(0);   // a real comparison for the hand-written layer
        check.Layers[1].BiasRelativeError.ShouldBeLessThan(1e-7);
    }

    [Fact]
    public void HandWrittenLayer_GivesTheBuiltInLayersGradients()
    {
        var (builtIn, mixed) = Twins(seed: 4);
        var x = TestData.Uniform(3, 7, seed: 5);
        var y = TestData.Uniform(2, 7, seed: 6, low: 0, high: 1);

        var expected = builtIn.Backpropagate(x, y, new BinaryCrossEntropy());
        var actual = mixed.Backpropagate(x, y, new BinaryCrossEntropy());

        actual.Loss.ShouldBe(expected.Loss, 1e-15);
        for (int l = 0; l < 3; l++)
        {
            for (int i = 0; i < expected.Layers[l].WeightGradient.RowCount * expected.Layers[l].WeightGradient.ColumnCount; i++)
                actual.Layers[l].WeightGradient.AsColumnMajorArray()[i].ShouldBe(expected.Layers[l].WeightGradient.AsColumnMajorArray()[i], 1e-15, $"layer {l} dW[{i}]");
            for (int i = 0; i < expected.Layers[l].BiasGradient.Count; i++)
                actual.Layers[l].BiasGradient[i].ShouldBe(expected.Layers[l].BiasGradient[i], 1e-15, $"layer {l} db[{i}]");
            actual.Layers[l].ParameterGradients.Count.ShouldBe(2);
        }
    }

    [Fact]
    public void NetworkWithAHandWrittenLayer_TrainsAndPredictsAsTheBuiltInOne()
    {
        var (builtIn, mixed) = Twins(seed: 5);
        var x = TestData.Uniform(3, 8, seed: 7);
        var y = TestData.Uniform(2, 8, seed: 8, low: 0, high: 1);
        var options = new TrainerOptions { Epochs = 20, BatchSize = 4, LearningRate = 0.5, Seed = 1, Loss = new MeanSquaredError() };

        var expected = new Trainer(builtIn, options).Train(x, y);
        var actual = new Trainer(mixed, options).Train(x, y);

        actual.Epochs[^1].Loss.ShouldBe(expected.Epochs[^1].Loss, 1e-12);
        actual.Epochs[^1].Layers[1].WeightGradientNorm.ShouldBe(expected.Epochs[^1].Layers[1].WeightGradientNorm, 1e-12);
        var (p, q) = (mixed.Predict(x), builtIn.Predict(x));
        for (int i = 0; i < p.RowCount * p.ColumnCount; i++)
            p.AsColumnMajorArray()[i].ShouldBe(q.AsColumnMajorArray()[i], 1e-12);
    }

    [Fact]
    public void SavingANetworkWithAHandWrittenLayer_ThrowsNotSupportedNamingTheLayer()
    {
        var (_, mixed) = Twins(seed: 6);
        var path = Path.Combine(Path.GetTempPath(), $"user-layer-{Guid.NewGuid():N}.json");

        Should.Throw<NotSupportedException>(() => mixed.Save(path)).Message.ShouldContain("HandWrittenDense");
        Should.Throw<NotSupportedException>(() => mixed.ExportOnnx(path)).Message.ShouldContain("layer 1");
        File.Exists(path).ShouldBeFalse();
    }
}
