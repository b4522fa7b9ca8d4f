using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests.Activations;

public class ReLUTests
{
    [Fact]
    public void Forward_ZeroesNegativeInputs()
    {
        var a = ActivationHarness.Forward(new ReLU(), TestData.Matrix(new double[,] { { -2, -0.5 }, { 0, 3 } }));

        a.ShouldEqual(new double[,] { { 0, 0 }, { 0, 3 } }, 0);
    }

    [Fact]
    public void Backward_PassesTheErrorOnlyWhereZIsPositive()
    {
        // ReLU′ = 1 for z > 0, else 0 (0 at z = 0, as in PyTorch)
        var z = TestData.Row(-2, 0, 0.5, 3);
        var dA = TestData.Row(5, 5, -7, 2);

        ActivationHarness.Backward(new ReLU(), z, dA).ShouldEqual(new double[,] { { 0, 0, -7, 2 } }, 0);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        GradientChecker.CheckActivation(new ReLU(), ActivationHarness.AwayFromKinks()).MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void SaturationBounds_AreNull()
    {
        IActivation relu = new ReLU();

        relu.SaturationBounds.ShouldBeNull();
        relu.ToString().ShouldBe("ReLU");
    }
}
