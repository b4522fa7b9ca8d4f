using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Losses;

public class MeanSquaredErrorTests
{
    [Fact]
    public void Value_AveragesHalfSquaredErrorsOverColumns()
    {
        // two samples, one output each: C = 1/(2·2) · (0.2² + 0.1²) = 0.05 / 4
        var a = TestData.Row(0.2, 0.9);
        var y = TestData.Row(0, 1);

        new MeanSquaredError().Value(a, y).ShouldBe(0.0125, 1e-15);
    }

    [Fact]
    public void Value_SumsOverRowsOfOneSample()
    {
        // one sample with two outputs: C = 1/(2·1) · (0.2² + 0.1²) = 0.05 / 2
        var a = TestData.Column(0.2, 0.9);
        var y = TestData.Column(0, 1);

        new MeanSquaredError().Value(a, y).ShouldBe(0.025, 1e-15);
    }

    [Fact]
    public void Gradient_IsAMinusYPerSample()
    {
        var a = TestData.Matrix(new double[,] { { 0.2, 0.9 }, { -1, 3 } });
        var y = TestData.Matrix(new double[,] { { 0, 1 }, { 1, 3 } });
        var gradient = Matrix<double>.Build.Dense(2, 2, double.NaN);

        new MeanSquaredError().Gradient(a, y, gradient);

        gradient.ShouldEqual(new double[,] { { 0.2, -0.1 }, { -2, 0 } }, 1e-15);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        var check = GradientChecker.CheckLoss(new MeanSquaredError(), TestData.Uniform(3, 5, seed: 10), TestData.Uniform(3, 5, seed: 11));

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void TryOutputDelta_DeclinesSoTheNetworkUsesBp1()
    {
        ILoss loss = new MeanSquaredError();
        var delta = Matrix<double>.Build.Dense(1, 2);

        loss.TryOutputDelta(new Identity(), TestData.Row(1, 2), TestData.Row(0, 0), delta).ShouldBeFalse();
    }

    [Fact]
    public void Value_RejectsMismatchedShapesNamingBoth()
    {
        var exception = Should.Throw<ArgumentException>(() => new MeanSquaredError().Value(TestData.Uniform(2, 3, seed: 1), TestData.Uniform(2, 4, seed: 2)));

        exception.Message.ShouldContain("2×3");
        exception.Message.ShouldContain("2×4");
    }
}
