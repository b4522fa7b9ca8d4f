using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests.Activations;

public class IdentityTests
{
    [Fact]
    public void Forward_CopiesZ()
    {
        var a = ActivationHarness.Forward(new Identity(), TestData.Matrix(new double[,] { { -2, 0.5 }, { 1e300, -7 } }));

        a.ShouldEqual(new double[,] { { -2, 0.5 }, { 1e300, -7 } }, 0);
    }

    [Fact]
    public void Backward_PassesTheErrorThroughUnchanged()
    {
        var dZ = ActivationHarness.Backward(new Identity(), TestData.Row(-3, 4), TestData.Row(0.25, -6));

        dZ.ShouldEqual(new double[,] { { 0.25, -6 } }, 0);
    }

    [Fact]
    public void ApplyAndDerivative_AreZAndOne()
    {
        var identity = new Identity();

        identity.Apply(-3.5).ShouldBe(-3.5);
        identity.Derivative(-3.5, -3.5).ShouldBe(1.0);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        GradientChecker.CheckActivation(new Identity(), ActivationHarness.AwayFromKinks()).MaxRelativeError.ShouldBeLessThan(1e-6);
    }
}
