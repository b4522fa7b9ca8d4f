using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Losses;

public class CategoricalCrossEntropyTests
{
    // two samples of three classes: the first is class 0 predicted with 0.7, the second class 2 predicted with 0.4
    private static readonly double[,] Outputs = { { 0.7, 0.1 }, { 0.2, 0.5 }, { 0.1, 0.4 } };
    private static readonly double[,] Targets = { { 1, 0 }, { 0, 0 }, { 0, 1 } };

    [Fact]
    public void Value_AveragesMinusLogOfTheTrueClassOverColumns()
    {
        // C = −(ln 0.7 + ln 0.4) / 2 = (0.35667494… + 0.91629073…) / 2
        new CategoricalCrossEntropy().Value(TestData.Matrix(Outputs), TestData.Matrix(Targets))
            .ShouldBe((0.35667494393873245 + 0.916290731874155) / 2, 1e-15);
    }

    [Fact]
    public void Value_ClampsTheLogarithmAtMinusOneHundred()
    {
        new CategoricalCrossEntropy().Value(TestData.Column(0.0, 1.0), TestData.Column(1, 0)).ShouldBe(100.0);
    }

    [Fact]
    public void Gradient_IsMinusYOverA()
    {
        var gradient = Matrix<double>.Build.Dense(3, 2, double.NaN);

        new CategoricalCrossEntropy().Gradient(TestData.Matrix(Outputs), TestData.Matrix(Targets), gradient);

        gradient.ShouldEqual(new double[,] { { -1 / 0.7, 0 }, { 0, 0 }, { 0, -2.5 } }, 1e-14);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        var a = TestData.Uniform(4, 5, seed: 30, low: 0.05, high: 0.95);

        GradientChecker.CheckLoss(new CategoricalCrossEntropy(), a, TestData.OneHot(4, 5, seed: 31)).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void TryOutputDelta_GivesAMinusYForSoftmaxOutputs()
    {
        var delta = Matrix<double>.Build.Dense(3, 2, double.NaN);

        new CategoricalCrossEntropy().TryOutputDelta(new Softmax(), TestData.Matrix(Outputs), TestData.Matrix(Targets), delta).ShouldBeTrue();

        delta.ShouldEqual(new double[,] { { -0.3, 0.1 }, { 0.2, 0.5 }, { 0.1, -0.6 } }, 1e-15);
    }

    [Fact]
    public void TryOutputDelta_DeclinesOtherActivations()
    {
        var delta = Matrix<double>.Build.Dense(3, 2);

        new CategoricalCrossEntropy().TryOutputDelta(new Sigmoid(), TestData.Matrix(Outputs), TestData.Matrix(Targets), delta).ShouldBeFalse();
    }

    [Fact]
    public void Value_RejectsMismatchedShapesNamingBoth()
    {
        var exception = Should.Throw<ArgumentException>(() => new CategoricalCrossEntropy().Value(TestData.Matrix(Outputs), TestData.Uniform(2, 2, seed: 1)));

        exception.Message.ShouldContain("3×2");
        exception.Message.ShouldContain("2×2");
    }
}
