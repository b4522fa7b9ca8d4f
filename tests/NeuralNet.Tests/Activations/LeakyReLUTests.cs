using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests.Activations;

public class LeakyReLUTests
{
    [Fact]
    public void Forward_ScalesNegativeInputsByTheDefaultSlope()
    {
        var a = ActivationHarness.Forward(new LeakyReLU(), TestData.Row(-2, 0, 3));

        a.ShouldEqual(new double[,] { { -0.02, 0, 3 } }, 1e-15);
    }

    [Fact]
    public void Forward_UsesACustomSlope()
    {
        var a = ActivationHarness.Forward(new LeakyReLU(0.2), TestData.Row(-2, -0.5, 4));

        a.ShouldEqual(new double[,] { { -0.4, -0.1, 4 } }, 1e-15);
    }

    [Fact]
    public void Backward_MultipliesBySlopeOrOne()
    {
        var z = TestData.Row(-2, 0, 3);
        var dA = TestData.Row(10, 10, 10);

        ActivationHarness.Backward(new LeakyReLU(), z, dA).ShouldEqual(new double[,] { { 0.1, 0.1, 10 } }, 1e-15);
        ActivationHarness.Backward(new LeakyReLU(0.2), z, dA).ShouldEqual(new double[,] { { 2, 2, 10 } }, 1e-15);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        GradientChecker.CheckActivation(new LeakyReLU(), ActivationHarness.AwayFromKinks()).MaxRelativeError.ShouldBeLessThan(1e-6);
        GradientChecker.CheckActivation(new LeakyReLU(0.3), ActivationHarness.AwayFromKinks()).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_RejectsNegativeOrNonFiniteSlope(double slope)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new LeakyReLU(slope));

        exception.Message.ShouldContain($"slope={slope}");
    }

    [Fact]
    public void ToString_ShowsTheSlope()
    {
        new LeakyReLU(0.2).ToString().ShouldBe("LeakyReLU(0.2)");
        new LeakyReLU().Slope.ShouldBe(0.01);
    }
}
