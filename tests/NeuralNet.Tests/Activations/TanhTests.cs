using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests.Activations;

public class TanhTests
{
    private static readonly double Ln2 = Math.Log(2);

    [Fact]
    public void Forward_GivesClosedFormValues()
    {
        // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 0.6; tanh is odd; tanh(0) = 0
        var a = ActivationHarness.Forward(new Tanh(), TestData.Row(0, Ln2, -Ln2, 1000, -1000));

        a.ShouldEqual(new double[,] { { 0, 0.6, -0.6, 1, -1 } }, 1e-15);
    }

    [Fact]
    public void Apply_GivesClosedFormValues()
    {
        new Tanh().Apply(Ln2).ShouldBe(0.6, 1e-15);
    }

    [Fact]
    public void Backward_MultipliesByOneMinusASquared()
    {
        // tanh′ = 1 − a²: 1 at z = 0, 1 − 0.36 = 0.64 at z = ±ln 2
        var z = TestData.Row(0, Ln2, -Ln2);
        var dA = TestData.Row(3, 1, -2);

        ActivationHarness.Backward(new Tanh(), z, dA).ShouldEqual(new double[,] { { 3, 0.64, -1.28 } }, 1e-15);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        GradientChecker.CheckActivation(new Tanh(), ActivationHarness.AwayFromKinks()).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void SaturationBounds_AreSymmetricAtNinetyFivePercent()
    {
        IActivation tanh = new Tanh();

        tanh.SaturationBounds.ShouldBe((-0.95, 0.95));
        tanh.ToString().ShouldBe("Tanh");
    }
}
