using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;

namespace NeuralNet.Tests;

public class NetworkTests
{
    private static Network TwoThreeOne() => new(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));

    /// <summary>
    /// 2 → 2 ReLU → 1 Identity with W¹ = [[1, −1], [0.5, 2]], b¹ = (0, −1), W² = [[2, −1]], b² = 0.5.
    /// </summary>
    private static Network HandSetTwoTwoOne()
    {
        var network = new Network(new Layer(2, 2, new ReLU()), new Layer(2, 1, new Identity()));
        network.Dense(0).Weights = TestData.Matrix(new double[,] { { 1, -1 }, { 0.5, 2 } });
        network.Dense(0).Biases = Vector<double>.Build.DenseOfArray([0, -1]);
        network.Dense(1).Weights = TestData.Matrix(new double[,] { { 2, -1 } });
        network.Dense(1).Biases = Vector<double>.Build.DenseOfArray([0.5]);
        return network;
    }

    /// <summary>
    /// The 1 → 1 → 1 sigmoid chain x —w¹=0.5, b¹=−1→ σ —w²=2, b²=−1→ σ, built so that at x = 2 both weighted inputs are 0.
    /// </summary>
    private static Network SigmoidChain()
    {
        var network = new Network(new Layer(1, 1, new Sigmoid()), new Layer(1, 1, new Sigmoid()));
        network.Dense(0).Weights[0, 0] = 0.5;
        network.Dense(0).Biases[0] = -1;
        network.Dense(1).Weights[0, 0] = 2;
        network.Dense(1).Biases[0] = -1;
        return network;
    }

    [Fact]
    public void ToString_ListsEveryLayer()
    {
        TwoThreeOne().ToString().ShouldBe("Network[2→3 Tanh, 3→1 Sigmoid]");
    }

    [Fact]
    public void Properties_DescribeTheShape()
    {
        var network = TwoThreeOne();

        network.InputSize.ShouldBe(2);
        network.OutputSize.ShouldBe(1);
        network.ParameterCount.ShouldBe(2 * 3 + 3 + 3 * 1 + 1);
        network.Parameters.Select(p => p.Name).ShouldBe(["W", "b", "W", "b"]);
    }

    [Fact]
    public void Constructor_RejectsMismatchedLayerSizesNamingBothLayers()
    {
        var exception = Should.Throw<ArgumentException>(() => new Network(new Layer(2, 3, new Tanh()), new Layer(4, 1, new Sigmoid())));

        exception.Message.ShouldContain("2→3 Tanh");
        exception.Message.ShouldContain("4→1 Sigmoid");
    }

    [Fact]
    public void Constructor_RejectsNoLayers()
    {
        Should.Throw<ArgumentException>(() => new Network()).Message.ShouldContain("0 layers");
    }

    [Fact]
    public void Constructor_RejectsANullLayer()
    {
        Should.Throw<ArgumentException>(() => new Network(new Layer(2, 2, new Tanh()), null!)).Message.ShouldContain("Layer 1 is null");
    }

    [Fact]
    public void Constructor_RejectsTheSameLayerTwice()
    {
        var layer = new Layer(2, 2, new Tanh());

        Should.Throw<ArgumentException>(() => new Network(layer, layer)).Message.ShouldContain("same object");
    }

    [Fact]
    public void Constructor_InitialisesDeterministically()
    {
        var first = new Network(new Layer(4, 5, new ReLU()), new Layer(5, 3, new Tanh()), new Layer(3, 2, new Softmax()));
        var second = new Network(new Layer(4, 5, new ReLU()), new Layer(5, 3, new Tanh()), new Layer(3, 2, new Softmax()));

        TestData.Snapshot(first).ShouldBeIdentical(TestData.Snapshot(second));
        first.Dense(0).Weights.Enumerate().ShouldContain(w => w != 0);
    }

    [Fact]
    public void Constructor_UsesHeForTheReLUFamilyAndXavierOtherwise()
    {
        // one Random(0), drawn layer by layer: He-normal, He-normal, Xavier-uniform, Xavier-uniform
        var network = new Network(new Layer(3, 4, new ReLU()), new Layer(4, 4, new LeakyReLU()), new Layer(4, 2, new Tanh()), new Layer(2, 2, new Sigmoid()));
        var random = new Random(0);
        var initializers = new IInitializer[] { new HeNormal(), new HeNormal(), new XavierUniform(), new XavierUniform() };

        for (int l = 0; l < 4; l++)
        {
            var layer = network.Dense(l);
            var (weights, biases) = (Matrix<double>.Build.Dense(layer.OutputSize, layer.InputSize), Vector<double>.Build.Dense(layer.OutputSize));
            initializers[l].Initialize(weights, biases, random);
            layer.Weights.AsColumnMajorArray().ShouldBe(weights.AsColumnMajorArray(), $"layer {l}");
            layer.Biases.AsArray().ShouldBe(biases.AsArray(), $"layer {l}");
        }
    }

    [Fact]
    public void DefaultInitializer_PicksHeForTheReLUFamilyAndXavierOtherwise()
    {
        Network.DefaultInitializer(new ReLU()).ShouldBeOfType<HeNormal>();
        Network.DefaultInitializer(new LeakyReLU(0.2)).ShouldBeOfType<HeNormal>();
        Network.DefaultInitializer(new Tanh()).ShouldBeOfType<XavierUniform>();
        Network.DefaultInitializer(new Sigmoid()).ShouldBeOfType<XavierUniform>();
        Network.DefaultInitializer(new Softmax()).ShouldBeOfType<XavierUniform>();
        Network.DefaultInitializer(new Identity()).ShouldBeOfType<XavierUniform>();
    }

    [Fact]
    public void Initialize_WithTheSameSeedGivesTheSameNetwork()
    {
        var first = TwoThreeOne();
        var second = TwoThreeOne();

        first.Initialize(new StandardNormal(), seed: 3);
        second.Initialize(new StandardNormal(), seed: 3);
        TestData.Snapshot(first).ShouldBeIdentical(TestData.Snapshot(second));

        second.Initialize(new StandardNormal(), seed: 4);
        TestData.Snapshot(second)[0].ShouldNotBe(TestData.Snapshot(first)[0]);
    }

    [Fact]
    public void Predict_OnAHandSetNetworkGivesHandComputedOutputs()
    {
        // x = (1, 2):  z¹ = (1 − 2, 0.5 + 4 − 1) = (−1, 3.5),  a¹ = (0, 3.5),  a² = 0 − 3.5 + 0.5 = −3
        // x = (3, −1): z¹ = (3 + 1, 1.5 − 2 − 1) = (4, −1.5),  a¹ = (4, 0),    a² = 8 − 0 + 0.5 = 8.5
        var outputs = HandSetTwoTwoOne().Predict(TestData.Matrix(new double[,] { { 1, 3 }, { 2, -1 } }));

        outputs.ShouldEqual(new double[,] { { -3, 8.5 } }, 1e-15);
    }

    [Fact]
    public void Predict_MatrixVectorAndArrayFormsAgree()
    {
        var network = TwoThreeOne();
        var x = TestData.Uniform(2, 3, seed: 1);

        var matrix = network.Predict(x);

        // one sample at a time takes other (vectorised) kernel paths than a batch, so agreement is to round-off, not bits
        for (int j = 0; j < 3; j++)
        {
            network.Predict(x.Column(j)).ToArray().ShouldBe(matrix.Column(j).ToArray(), 1e-15);
            network.Predict(x.Column(j).ToArray()).ShouldBe(matrix.Column(j).ToArray(), 1e-15);
        }
        var jagged = network.Predict(new[] { x.Column(0).ToArray(), x.Column(1).ToArray(), x.Column(2).ToArray() });
        jagged.Length.ShouldBe(3);
        for (int j = 0; j < 3; j++)
            jagged[j].ShouldBe(matrix.Column(j).ToArray());   // the same batch, so the same bits
    }

    [Fact]
    public void Predict_ReturnsACopyThatLaterCallsDoNotOverwrite()
    {
        var network = TwoThreeOne();
        var first = network.Predict(TestData.Uniform(2, 3, seed: 1));
        var expected = first.ToArray();

        network.Predict(TestData.Uniform(2, 3, seed: 2));

        first.ShouldEqual(expected, 0);
    }

    [Fact]
    public void Predict_SeesWritesIntoLayerWeightsAndBiases()
    {
        var network = HandSetTwoTwoOne();
        var x = TestData.Column(1, 2);

        network.Dense(1).Weights[0, 0] = 3;                   // a¹ = (0, 3.5) is unchanged, its first unit is 0
        network.Predict(x)[0, 0].ShouldBe(-3, 1e-15);
        network.Dense(1).Weights[0, 1] = -2;                  // a² = −2·3.5 + 0.5
        network.Predict(x)[0, 0].ShouldBe(-6.5, 1e-15);
        network.Dense(0).Biases[0] = 2;                       // z¹₀ = 1 − 2 + 2 = 1, so a² = 3·1 − 7 + 0.5
        network.Predict(x)[0, 0].ShouldBe(-3.5, 1e-15);
    }

    [Fact]
    public void Predict_RejectsInputsWithTheWrongRowsNamingBothShapes()
    {
        var exception = Should.Throw<ArgumentException>(() => TwoThreeOne().Predict(TestData.Uniform(3, 4, seed: 1)));

        exception.Message.ShouldContain("3×4");
        exception.Message.ShouldContain("2×m");
        exception.ParamName.ShouldBe("inputs");
    }

    [Fact]
    public void Predict_SaysWhenInputsLookTransposed()
    {
        Should.Throw<ArgumentException>(() => TwoThreeOne().Predict(TestData.Uniform(4, 2, seed: 1))).Message.ShouldContain("transposed");
    }

    [Fact]
    public void Predict_RejectsAVectorOfTheWrongLength()
    {
        Should.Throw<ArgumentException>(() => TwoThreeOne().Predict([1.0, 2, 3])).Message.ShouldContain("3×1");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Predict_RejectsNonFiniteInputsNamingRowAndColumn(double bad)
    {
        var x = TestData.Uniform(2, 4, seed: 1);
        x[1, 2] = bad;

        var exception = Should.Throw<ArgumentException>(() => TwoThreeOne().Predict(x));

        exception.Message.ShouldContain("row 1, column 2");
        exception.Message.ShouldContain(bad.ToString());
    }

    [Fact]
    public void Predict_RejectsRaggedArrays()
    {
        Should.Throw<ArgumentException>(() => TwoThreeOne().Predict(new[] { new[] { 1.0, 2 }, new[] { 1.0 } }))
            .Message.ShouldContain("inputs[1] has 1 values");
    }

    [Fact]
    public void Backpropagate_GivesHandComputedGradientsForASigmoidChain()
    {
        // x = 2, y = 1.  z¹ = 0.5·2 − 1 = 0, a¹ = 1/2;  z² = 2·(1/2) − 1 = 0, a² = 1/2;  σ′(0) = 1/4
        // C  = (1/2)(1/2 − 1)² = 1/8
        // δ² = (a² − y)·σ′(z²) = −1/2 · 1/4 = −1/8      ∂C/∂b² = −1/8,  ∂C/∂w² = δ²·a¹ = −1/16
        // δ¹ = w²·δ²·σ′(z¹)   = 2 · −1/8 · 1/4 = −1/16  ∂C/∂b¹ = −1/16, ∂C/∂w¹ = δ¹·x  = −1/8
        var gradients = SigmoidChain().Backpropagate(TestData.Row(2), TestData.Row(1), new MeanSquaredError());

        gradients.Loss.ShouldBe(0.125, 1e-15);
        gradients.Layers[1].WeightGradient[0, 0].ShouldBe(-0.0625, 1e-15);
        gradients.Layers[1].BiasGradient[0].ShouldBe(-0.125, 1e-15);
        gradients.Layers[0].WeightGradient[0, 0].ShouldBe(-0.125, 1e-15);
        gradients.Layers[0].BiasGradient[0].ShouldBe(-0.0625, 1e-15);
    }

    [Fact]
    public void Backpropagate_AveragesOverTheSamplesOfTheBatch()
    {
        // a second sample x = 2 with y = 1/2 is already fitted (δ = 0), so every gradient is half the one-sample value
        // and C = (1/8 + 0)/2
        var gradients = SigmoidChain().Backpropagate(TestData.Row(2, 2), TestData.Row(1, 0.5), new MeanSquaredError());

        gradients.Loss.ShouldBe(0.0625, 1e-15);
        gradients.Layers[1].WeightGradient[0, 0].ShouldBe(-0.03125, 1e-15);
        gradients.Layers[1].BiasGradient[0].ShouldBe(-0.0625, 1e-15);
        gradients.Layers[0].WeightGradient[0, 0].ShouldBe(-0.0625, 1e-15);
        gradients.Layers[0].BiasGradient[0].ShouldBe(-0.03125, 1e-15);
    }

    [Fact]
    public void Backpropagate_UsesTheFusedDeltaForSigmoidWithCrossEntropy()
    {
        // BCE with a sigmoid output: δ² = a² − y = −1/2 (no σ′ factor), so ∂C/∂b² = −1/2, ∂C/∂w² = −1/4,
        // δ¹ = 2 · −1/2 · 1/4 = −1/4, ∂C/∂b¹ = −1/4, ∂C/∂w¹ = −1/2;  C = −ln(1/2)
        var gradients = SigmoidChain().Backpropagate(TestData.Row(2), TestData.Row(1), new BinaryCrossEntropy());

        gradients.Loss.ShouldBe(0.6931471805599453, 1e-15);
        gradients.Layers[1].BiasGradient[0].ShouldBe(-0.5, 1e-15);
        gradients.Layers[1].WeightGradient[0, 0].ShouldBe(-0.25, 1e-15);
        gradients.Layers[0].BiasGradient[0].ShouldBe(-0.25, 1e-15);
        gradients.Layers[0].WeightGradient[0, 0].ShouldBe(-0.5, 1e-15);
    }

    [Fact]
    public void Backpropagate_LeavesParametersUnchangedAndReturnsCopies()
    {
        var network = SigmoidChain();
        var before = TestData.Snapshot(network);

        var gradients = network.Backpropagate(TestData.Row(2), TestData.Row(1), new MeanSquaredError());
        network.Backpropagate(TestData.Row(2), TestData.Row(0), new MeanSquaredError());

        TestData.Snapshot(network).ShouldBeIdentical(before);
        gradients.Layers[1].BiasGradient[0].ShouldBe(-0.125, 1e-15);   // not overwritten by the second call
    }

    [Fact]
    public void Backpropagate_RejectsTargetsWithAnotherColumnCountNamingBothShapes()
    {
        var exception = Should.Throw<ArgumentException>(() =>
            TwoThreeOne().Backpropagate(TestData.Uniform(2, 4, seed: 1), TestData.Uniform(1, 3, seed: 2), new MeanSquaredError()));

        exception.Message.ShouldContain("2×4");
        exception.Message.ShouldContain("1×3");
        exception.ParamName.ShouldBe("targets");
    }

    [Fact]
    public void Backpropagate_RejectsTargetsWithTheWrongRows()
    {
        var exception = Should.Throw<ArgumentException>(() =>
            TwoThreeOne().Backpropagate(TestData.Uniform(2, 4, seed: 1), TestData.Uniform(2, 4, seed: 2), new MeanSquaredError()));

        exception.Message.ShouldContain("2×4");
        exception.Message.ShouldContain("1×m");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Backpropagate_RejectsNonFiniteTargetsNamingRowAndColumn(double bad)
    {
        var y = TestData.Uniform(1, 4, seed: 2);
        y[0, 3] = bad;

        var exception = Should.Throw<ArgumentException>(() => TwoThreeOne().Backpropagate(TestData.Uniform(2, 4, seed: 1), y, new MeanSquaredError()));

        exception.Message.ShouldContain("targets");
        exception.Message.ShouldContain("row 0, column 3");
    }
}
