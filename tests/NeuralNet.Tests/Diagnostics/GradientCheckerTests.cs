using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Initializers;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Diagnostics;

public class GradientCheckerTests
{
    /// <summary>σ with a deliberate mistake: f′ = a instead of a(1 − a).</summary>
    private sealed class WrongSigmoid : ElementwiseActivation
    {
        public override string Name => "WrongSigmoid";
        public override double Apply(double z) => 1.0 / (1.0 + Math.Exp(-z));
        public override double Derivative(double z, double a) => a;
    }

    /// <summary>The quadratic cost with a deliberate mistake: ∇ₐCₓ = 2(a − y), twice the true gradient.</summary>
    private sealed class WrongQuadratic : ILoss
    {
        public string Name => "WrongQuadratic";
        public double Value(Matrix<double> output, Matrix<double> target) => new MeanSquaredError().Value(output, target);
        public void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result)
        {
            output.Subtract(target, result);
            result.Multiply(2.0, result);
        }
    }

    /// <summary>Cross-entropy whose fused softmax shortcut has the wrong sign: δ = y − a.</summary>
    private sealed class WrongFusedCrossEntropy : ILoss
    {
        private readonly CategoricalCrossEntropy _loss = new();
        public string Name => "WrongFusedCrossEntropy";
        public double Value(Matrix<double> output, Matrix<double> target) => _loss.Value(output, target);
        public void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result) => _loss.Gradient(output, target, result);
        public bool TryOutputDelta(IActivation outputActivation, Matrix<double> output, Matrix<double> target, Matrix<double> delta)
        {
            target.Subtract(output, delta);
            return true;
        }
    }

    // A seeded batch of six samples for a 4-5-3-2 network.
    private static readonly Matrix<double> Inputs = TestData.Uniform(4, 6, seed: 2, low: -2, high: 2);
    private static readonly Matrix<double> OneHotTargets = TestData.OneHot(2, 6, seed: 3);

    /// <summary>4 → 5 tanh → 3 sigmoid → 2 <paramref name="output"/>, with nonzero biases so every bias gradient is exercised.</summary>
    private static Network ThreeLayers(IActivation output, IActivation? hidden = null)
    {
        var network = new Network(new Layer(4, 5, hidden ?? new Tanh()), new Layer(5, 3, new Sigmoid()), new Layer(3, 2, output));
        network.Initialize(new LeCunNormal(), seed: 1);
        return network;
    }

    [Fact]
    public void Check_PassesForSoftmaxWithCategoricalCrossEntropyThroughTheFusedDelta()
    {
        var check = GradientChecker.Check(ThreeLayers(new Softmax()), Inputs, OneHotTargets, new CategoricalCrossEntropy());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_PassesForSoftmaxWithMeanSquaredErrorThroughTheJacobian()
    {
        var check = GradientChecker.Check(ThreeLayers(new Softmax()), Inputs, OneHotTargets, new MeanSquaredError());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_PassesForSoftmaxWithBinaryCrossEntropy()
    {
        var check = GradientChecker.Check(ThreeLayers(new Softmax()), Inputs, OneHotTargets, new BinaryCrossEntropy());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_PassesForSigmoidWithBinaryCrossEntropyThroughTheFusedDelta()
    {
        // independent binary targets, not one-hot: the fused δ = a − y must not depend on columns summing to 1
        var targets = TestData.Matrix(new double[,] { { 1, 0, 1, 1, 0, 0 }, { 1, 1, 0, 0, 0, 1 } });

        var check = GradientChecker.Check(ThreeLayers(new Sigmoid()), Inputs, targets, new BinaryCrossEntropy());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_PassesForSigmoidWithMeanSquaredError()
    {
        var check = GradientChecker.Check(ThreeLayers(new Sigmoid()), Inputs, TestData.Uniform(2, 6, seed: 4, low: 0, high: 1), new MeanSquaredError());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_PassesForSigmoidWithCategoricalCrossEntropyThroughBp1()
    {
        var check = GradientChecker.Check(ThreeLayers(new Sigmoid()), Inputs, OneHotTargets, new CategoricalCrossEntropy());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Theory]
    [InlineData("ReLU")]
    [InlineData("LeakyReLU")]
    public void Check_PassesForRectifiedHiddenLayersWithALinearOutput(string hidden)
    {
        // ReLU family in the first layer, Identity output; with these seeds no weighted input lies within h of the kink
        IActivation activation = hidden == "ReLU" ? new ReLU() : new LeakyReLU(0.1);
        var network = ThreeLayers(new Identity(), activation);

        var check = GradientChecker.Check(network, Inputs, TestData.Uniform(2, 6, seed: 5), new MeanSquaredError());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_PassesForASingleLayer()
    {
        var network = new Network(new Layer(4, 2, new Sigmoid()));
        network.Initialize(new LeCunNormal(), seed: 6);

        GradientChecker.Check(network, Inputs, OneHotTargets, new BinaryCrossEntropy()).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Check_ReportsEveryLayerAndTheLargestError()
    {
        var check = GradientChecker.Check(ThreeLayers(new Softmax()), Inputs, OneHotTargets, new MeanSquaredError());

        check.Layers.Select(l => l.Layer).ShouldBe([0, 1, 2]);
        check.MaxRelativeError.ShouldBe(check.Layers.Max(l => Math.Max(l.WeightRelativeError, l.BiasRelativeError)));
        check.Layers.ShouldAllBe(l => l.WeightRelativeError > 0 && l.BiasRelativeError > 0);   // a real comparison, not a trivial 0
        check.Passed().ShouldBeTrue();
    }

    [Fact]
    public void CheckActivation_DetectsAWrongDerivative()
    {
        var check = GradientChecker.CheckActivation(new WrongSigmoid(), TestData.Uniform(3, 4, seed: 7, low: -3, high: 3));

        check.MaxRelativeError.ShouldBeGreaterThan(1e-2);
        check.Passed().ShouldBeFalse();
    }

    [Fact]
    public void Check_DetectsAWrongDerivativeInsideANetwork()
    {
        var check = GradientChecker.Check(ThreeLayers(new Softmax(), new WrongSigmoid()), Inputs, OneHotTargets, new CategoricalCrossEntropy());

        check.Layers[0].WeightRelativeError.ShouldBeGreaterThan(1e-2);
        check.Layers[2].WeightRelativeError.ShouldBeLessThan(1e-6);   // the layers above the mistake are still right
        check.Passed().ShouldBeFalse();
    }

    [Fact]
    public void CheckLoss_DetectsAWrongGradient()
    {
        var check = GradientChecker.CheckLoss(new WrongQuadratic(), TestData.Uniform(2, 3, seed: 8), TestData.Uniform(2, 3, seed: 9));

        check.MaxRelativeError.ShouldBeGreaterThan(1e-2);
    }

    [Fact]
    public void Check_DetectsAWrongFusedOutputDelta()
    {
        var check = GradientChecker.Check(ThreeLayers(new Softmax()), Inputs, OneHotTargets, new WrongFusedCrossEntropy());

        check.MaxRelativeError.ShouldBeGreaterThan(1e-2);
    }

    [Fact]
    public void Check_LeavesParametersUnchanged()
    {
        var network = ThreeLayers(new Softmax());
        var before = TestData.Snapshot(network);

        GradientChecker.Check(network, Inputs, OneHotTargets, new CategoricalCrossEntropy());

        TestData.Snapshot(network).ShouldBeIdentical(before);
    }

    [Fact]
    public void Check_LeavesTheBackpropagatedGradientsInTheLayers()
    {
        var network = ThreeLayers(new Softmax());
        var expected = network.Backpropagate(Inputs, OneHotTargets, new MeanSquaredError());

        GradientChecker.Check(network, Inputs, OneHotTargets, new MeanSquaredError());

        for (int l = 0; l < 3; l++)
        {
            network.Dense(l).WeightGradient.AsColumnMajorArray().ShouldBe(expected.Layers[l].WeightGradient.AsColumnMajorArray());
            network.Dense(l).BiasGradient.AsArray().ShouldBe(expected.Layers[l].BiasGradient.AsArray());
        }
    }

    [Fact]
    public void Passed_ComparesTheLargestErrorWithTheTolerance()
    {
        var result = new GradientCheckResult(1e-5, []);

        result.Passed().ShouldBeFalse();
        result.Passed(1e-4).ShouldBeTrue();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-5)]
    public void CheckActivation_RejectsNonPositiveStep(double step)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => GradientChecker.CheckActivation(new Tanh(), Inputs, step))
            .Message.ShouldContain($"step={step}");
    }

    [Fact]
    public void Check_RejectsMismatchedBatches()
    {
        Should.Throw<ArgumentException>(() => GradientChecker.Check(ThreeLayers(new Softmax()), Inputs, TestData.OneHot(2, 5, seed: 3), new MeanSquaredError()))
            .Message.ShouldContain("2×5");
    }
}
