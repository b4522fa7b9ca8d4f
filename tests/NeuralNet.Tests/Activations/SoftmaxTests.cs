using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests.Activations;

public class SoftmaxTests
{
    [Fact]
    public void Forward_GivesClosedFormValuesPerColumn()
    {
        // column 0: e^0 : e^(ln 2) : e^(ln 3) = 1 : 2 : 3, so a = (1/6, 1/3, 1/2); column 1: equal z, so a = 1/3 each
        var z = TestData.Matrix(new double[,] { { 0, 5 }, { Math.Log(2), 5 }, { Math.Log(3), 5 } });

        var a = ActivationHarness.Forward(new Softmax(), z);

        a.ShouldEqual(new double[,] { { 1.0 / 6, 1.0 / 3 }, { 1.0 / 3, 1.0 / 3 }, { 0.5, 1.0 / 3 } }, 1e-15);
    }

    [Fact]
    public void Forward_ColumnsSumToOne()
    {
        var a = ActivationHarness.Forward(new Softmax(), TestData.Uniform(5, 7, seed: 1, low: -10, high: 10));

        for (int c = 0; c < a.ColumnCount; c++)
            a.Column(c).Sum().ShouldBe(1.0, 1e-14, $"column {c}");
    }

    [Fact]
    public void Forward_IsStableForLargeInputs()
    {
        // e^1000 overflows, but softmax(1000, 1000 + ln 3) = softmax(0, ln 3) = (1/4, 3/4); softmax(1000, 0) = (1, e^-1000 = 0)
        var z = TestData.Matrix(new double[,] { { 1000, 1000 }, { 1000 + Math.Log(3), 0 } });

        var a = ActivationHarness.Forward(new Softmax(), z);

        a.ShouldEqual(new double[,] { { 0.25, 1 }, { 0.75, 0 } }, 1e-12);
    }

    [Fact]
    public void Backward_IsTheJacobianTransposeTimesDA()
    {
        // a = (1/6, 1/3, 1/2), dA = (1, 0, 0): aᵀdA = 1/6, dZ = a ⊙ (dA − 1/6) = (1/6 · 5/6, 1/3 · −1/6, 1/2 · −1/6)
        var z = TestData.Column(0, Math.Log(2), Math.Log(3));
        var dA = TestData.Column(1, 0, 0);

        var dZ = ActivationHarness.Backward(new Softmax(), z, dA);

        dZ.ShouldEqual(new double[,] { { 5.0 / 36 }, { -1.0 / 18 }, { -1.0 / 12 } }, 1e-15);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        GradientChecker.CheckActivation(new Softmax(), ActivationHarness.AwayFromKinks()).MaxRelativeError.ShouldBeLessThan(1e-6);
        GradientChecker.CheckActivation(new Softmax(), TestData.Uniform(6, 5, seed: 2, low: -4, high: 4), seed: 3).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void SaturationBounds_AreNull()
    {
        IActivation softmax = new Softmax();

        softmax.SaturationBounds.ShouldBeNull();
        softmax.ToString().ShouldBe("Softmax");
    }
}
