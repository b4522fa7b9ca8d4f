using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;

namespace NeuralNet.Tests;

public class LayerTests
{
    /// <summary>A 2 → 2 layer with W = [[1, 2], [3, 4]] and b = (0.5, −1).</summary>
    private static Layer HandSet(IActivation activation)
    {
        var layer = new Layer(2, 2, activation);
        layer.Weights = TestData.Matrix(new double[,] { { 1, 2 }, { 3, 4 } });
        layer.Biases = Vector<double>.Build.DenseOfArray([0.5, -1]);
        return layer;
    }

    // two samples, one per column: x⁽⁰⁾ = (1, −1), x⁽¹⁾ = (0, 2)
    private static Matrix<double> X => TestData.Matrix(new double[,] { { 1, 0 }, { -1, 2 } });

    [Theory]
    [InlineData(0, 3, "inputs")]
    [InlineData(-1, 3, "inputs")]
    [InlineData(2, 0, "outputs")]
    public void Constructor_RejectsNonPositiveSize(int inputs, int outputs, string name)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new Layer(inputs, outputs, new Tanh()));

        exception.ParamName.ShouldBe(name);
        exception.Message.ShouldContain($"{name}={(name == "inputs" ? inputs : outputs)}");
    }

    [Fact]
    public void Constructor_RejectsNullActivation()
    {
        Should.Throw<ArgumentNullException>(() => new Layer(2, 3, null!));
    }

    [Fact]
    public void Constructor_GivesOutputsByInputsWeightsAndZeroParameters()
    {
        var layer = new Layer(2, 3, new Tanh());

        (layer.Weights.RowCount, layer.Weights.ColumnCount).ShouldBe((3, 2));
        layer.Biases.Count.ShouldBe(3);
        layer.Weights.Enumerate().ShouldAllBe(w => w == 0);
        layer.Biases.ShouldAllBe(b => b == 0);
        layer.Parameters.Select(p => (p.Name, p.Value.Length, p.IsWeight)).ShouldBe([("W", 6, true), ("b", 3, false)]);
        layer.ToString().ShouldBe("2→3 Tanh");
    }

    [Fact]
    public void Forward_ComputesActivationOfWxPlusB()
    {
        // Z = W·X + b: column 0 = (1 − 2 + 0.5, 3 − 4 − 1) = (−0.5, −2); column 1 = (4 + 0.5, 8 − 1) = (4.5, 7)
        HandSet(new Identity()).Forward(X).ShouldEqual(new double[,] { { -0.5, 4.5 }, { -2, 7 } }, 1e-15);
        HandSet(new ReLU()).Forward(X).ShouldEqual(new double[,] { { 0, 4.5 }, { 0, 7 } }, 1e-15);
    }

    [Fact]
    public void Backward_AveragesWeightAndBiasGradientsOverTheBatch()
    {
        // Identity: dZ = dA = [[1, 2], [0, −1]]
        // dW = dZ·Xᵀ / 2 = [[1·1 + 2·0, 1·(−1) + 2·2], [0, (−1)·2]] / 2 = [[0.5, 1.5], [0, −1]]
        // db = (1 + 2, 0 − 1) / 2 = (1.5, −0.5)
        var layer = HandSet(new Identity());
        layer.Forward(X);

        layer.Backward(TestData.Matrix(new double[,] { { 1, 2 }, { 0, -1 } }));

        layer.WeightGradient.ShouldEqual(new double[,] { { 0.5, 1.5 }, { 0, -1 } }, 1e-15);
        layer.BiasGradient.ToArray().ShouldBe([1.5, -0.5], 1e-15);
        layer.Parameters[0].Gradient.ShouldBe([0.5, 0, 1.5, -1], 1e-15);   // the same numbers, column-major
    }

    [Fact]
    public void Backward_ReturnsTheInputGradientWeightsTransposedTimesDelta()
    {
        // dX = Wᵀ·dZ with Wᵀ = [[1, 3], [2, 4]]: column 0 = (1, 2), column 1 = (2 − 3, 4 − 4) = (−1, 0); not divided by m
        var layer = HandSet(new Identity());
        layer.Forward(X);

        var dX = layer.Backward(TestData.Matrix(new double[,] { { 1, 2 }, { 0, -1 } }));

        dX.ShouldNotBeNull().ShouldEqual(new double[,] { { 1, -1 }, { 2, 0 } }, 1e-15);
    }

    [Fact]
    public void Backward_MultipliesByTheActivationDerivative()
    {
        // ReLU: Z = [[−0.5, 4.5], [−2, 7]], so only the second column passes: dZ = [[0, 2], [0, −1]]
        // dW = [[2·0, 2·2], [0, −1·2]] / 2 = [[0, 2], [0, −1]];  db = (1, −0.5)
        var layer = HandSet(new ReLU());
        layer.Forward(X);

        layer.Backward(TestData.Matrix(new double[,] { { 1, 2 }, { 1, -1 } }));

        layer.WeightGradient.ShouldEqual(new double[,] { { 0, 2 }, { 0, -1 } }, 1e-15);
        layer.BiasGradient.ToArray().ShouldBe([1, -0.5], 1e-15);
    }

    [Fact]
    public void Backward_SkipsTheInputGradientWhenNotAsked()
    {
        var layer = HandSet(new Identity());
        layer.Forward(X);

        layer.Backward(TestData.Matrix(new double[,] { { 1, 2 }, { 0, -1 } }), computeInputGradient: false).ShouldBeNull();
        layer.BiasGradient.ToArray().ShouldBe([1.5, -0.5], 1e-15);
    }

    [Fact]
    public void Backward_BeforeForwardThrows()
    {
        Should.Throw<InvalidOperationException>(() => HandSet(new Identity()).Backward(TestData.Uniform(2, 2, seed: 1)))
            .Message.ShouldContain("Forward");
    }

    [Fact]
    public void Backward_RejectsAGradientOfAnotherShapeNamingBoth()
    {
        var layer = HandSet(new Identity());
        layer.Forward(X);

        var exception = Should.Throw<ArgumentException>(() => layer.Backward(TestData.Uniform(2, 3, seed: 1)));

        exception.Message.ShouldContain("2×3");
        exception.Message.ShouldContain("2×2");
    }

    [Fact]
    public void Forward_RejectsInputsWithTheWrongRowsNamingBothShapes()
    {
        var exception = Should.Throw<ArgumentException>(() => HandSet(new Identity()).Forward(TestData.Uniform(3, 4, seed: 1)));

        exception.Message.ShouldContain("3×4");
        exception.Message.ShouldContain("2×m");
    }

    [Fact]
    public void Forward_GivesTheSameResultsWhenTheBatchSizeChanges()
    {
        // the layer keeps work buffers for its last few batch sizes; switching sizes (more than it caches) must not mix them up
        var layer = HandSet(new Tanh());
        var expected = layer.Forward(X).Clone();

        for (int m = 1; m <= 6; m++)
            layer.Forward(TestData.Uniform(2, m, seed: m));
        var again = layer.Forward(X);

        again.ShouldEqual(expected.ToArray(), 0);
    }

    [Fact]
    public void Weights_AreLive()
    {
        var layer = HandSet(new Identity());

        layer.Weights[1, 0] = 10;                                     // W[1, 0] connects input 0 to unit 1
        layer.Forward(X)[1, 0].ShouldBe(10 - 4 - 1, 1e-15);
        layer.Parameters[0].Value[1].ShouldBe(10);                   // column-major: (1, 0) is at 1 + 0·2

        layer.Parameters[1].Value[0] = 0;                            // and the Parameter view writes through too
        layer.Forward(X)[0, 0].ShouldBe(-1, 1e-15);
    }

    [Fact]
    public void Weights_AssignmentCopiesTheValuesIn()
    {
        var layer = new Layer(2, 2, new Identity());
        var source = TestData.Matrix(new double[,] { { 1, 2 }, { 3, 4 } });

        layer.Weights = source;
        source[0, 0] = 100;

        layer.Weights[0, 0].ShouldBe(1);
    }

    [Fact]
    public void Weights_AssignmentRejectsAnotherShapeNamingBoth()
    {
        var layer = new Layer(2, 3, new Tanh());

        var exception = Should.Throw<ArgumentException>(() => layer.Weights = Matrix<double>.Build.Dense(2, 3));

        exception.Message.ShouldContain("3×2");
        exception.Message.ShouldContain("2×3");
    }

    [Fact]
    public void Biases_AssignmentRejectsAnotherLength()
    {
        var layer = new Layer(2, 3, new Tanh());

        var exception = Should.Throw<ArgumentException>(() => layer.Biases = Vector<double>.Build.Dense(2));

        exception.Message.ShouldContain("3 entries");
        exception.Message.ShouldContain("Received: 2");
    }
}
