using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Losses;

public class BinaryCrossEntropyTests
{
    [Fact]
    public void Value_AveragesTheCrossEntropyOverColumns()
    {
        // two samples: y = 1 with a = 0.8 costs −ln 0.8, y = 0 with a = 0.4 costs −ln 0.6; C = (0.22314355… + 0.51082562…) / 2
        var a = TestData.Row(0.8, 0.4);
        var y = TestData.Row(1, 0);

        new BinaryCrossEntropy().Value(a, y).ShouldBe((0.2231435513142097 + 0.5108256237659907) / 2, 1e-15);
    }

    [Fact]
    public void Value_SumsOverTheOutputsOfASample()
    {
        // one sample, outputs (0.8, 0.4), targets (1, 0): C = −ln 0.8 − ln 0.6, not divided by the 2 outputs
        var a = TestData.Column(0.8, 0.4);
        var y = TestData.Column(1, 0);

        new BinaryCrossEntropy().Value(a, y).ShouldBe(0.2231435513142097 + 0.5108256237659907, 1e-15);
    }

    [Fact]
    public void Value_HandlesSoftTargets()
    {
        // y = 0.25, a = 0.5: −(0.25 ln 0.5 + 0.75 ln 0.5) = ln 2
        new BinaryCrossEntropy().Value(TestData.Row(0.5), TestData.Row(0.25)).ShouldBe(0.6931471805599453, 1e-15);
    }

    [Fact]
    public void Value_ClampsTheLogarithmAtMinusOneHundred()
    {
        // a = 0 for y = 1 would be −ln 0 = ∞; PyTorch's BCELoss clamps ln at −100
        new BinaryCrossEntropy().Value(TestData.Row(0.0, 1.0), TestData.Row(1, 1)).ShouldBe(50.0);
    }

    [Fact]
    public void Gradient_IsAMinusYOverAOneMinusA()
    {
        // (0.8 − 1)/(0.8·0.2) = −1.25 and (0.4 − 0)/(0.4·0.6) = 1/0.6
        var gradient = Matrix<double>.Build.Dense(1, 2, double.NaN);

        new BinaryCrossEntropy().Gradient(TestData.Row(0.8, 0.4), TestData.Row(1, 0), gradient);

        gradient.ShouldEqual(new double[,] { { -1.25, 1 / 0.6 } }, 1e-14);
    }

    [Fact]
    public void Gradient_IsLargeButFiniteAtZeroAndOne()
    {
        var gradient = Matrix<double>.Build.Dense(1, 2, double.NaN);

        new BinaryCrossEntropy().Gradient(TestData.Row(0.0, 1.0), TestData.Row(1, 0), gradient);

        gradient.ShouldEqual(new double[,] { { -1e12, 1e12 } }, 1e-3);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        var a = TestData.Uniform(3, 5, seed: 20, low: 0.1, high: 0.9);
        var y = TestData.Uniform(3, 5, seed: 21, low: 0, high: 1);

        GradientChecker.CheckLoss(new BinaryCrossEntropy(), a, y).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void TryOutputDelta_GivesAMinusYForSigmoidOutputs()
    {
        var delta = Matrix<double>.Build.Dense(1, 2, double.NaN);

        new BinaryCrossEntropy().TryOutputDelta(new Sigmoid(), TestData.Row(0.8, 0.4), TestData.Row(1, 0), delta).ShouldBeTrue();

        delta.ShouldEqual(new double[,] { { -0.2, 0.4 } }, 1e-15);
    }

    [Fact]
    public void TryOutputDelta_DeclinesOtherActivations()
    {
        var delta = Matrix<double>.Build.Dense(1, 2);

        new BinaryCrossEntropy().TryOutputDelta(new Tanh(), TestData.Row(0.8, 0.4), TestData.Row(1, 0), delta).ShouldBeFalse();
        new BinaryCrossEntropy().TryOutputDelta(new Softmax(), TestData.Row(0.8, 0.4), TestData.Row(1, 0), delta).ShouldBeFalse();
    }

    [Fact]
    public void Value_RejectsMismatchedShapesNamingBoth()
    {
        var exception = Should.Throw<ArgumentException>(() => new BinaryCrossEntropy().Value(TestData.Row(0.5, 0.5), TestData.Column(1, 0)));

        exception.Message.ShouldContain("1×2");
        exception.Message.ShouldContain("2×1");
    }
}
