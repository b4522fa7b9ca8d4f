using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests.Activations;

public class SigmoidTests
{
    private static readonly double Ln3 = Math.Log(3);

    [Fact]
    public void Forward_GivesClosedFormValues()
    {
        // σ(0) = 1/2, σ(ln 3) = 1/(1 + 1/3) = 3/4, σ(−ln 3) = 1/(1 + 3) = 1/4, σ(±40) ≈ 1 and 4.25e-18
        var a = ActivationHarness.Forward(new Sigmoid(), TestData.Matrix(new double[,] { { 0, Ln3 }, { -Ln3, 40 } }));

        a.ShouldEqual(new double[,] { { 0.5, 0.75 }, { 0.25, 1.0 } }, 1e-15);
    }

    [Fact]
    public void Forward_DoesNotOverflowForLargeNegativeInputs()
    {
        var a = ActivationHarness.Forward(new Sigmoid(), TestData.Row(-1000, 1000));

        a.ShouldEqual(new double[,] { { 0, 1 } }, 0);
    }

    [Fact]
    public void Apply_MatchesMatrixForward()
    {
        new Sigmoid().Apply(Ln3).ShouldBe(0.75, 1e-15);
        new Sigmoid().Apply(-Ln3).ShouldBe(0.25, 1e-15);
    }

    [Fact]
    public void Backward_MultipliesByAOneMinusA()
    {
        // σ′ = a(1 − a): 1/4 at z = 0, 3/16 at z = ±ln 3; dZ = dA ⊙ σ′
        var z = TestData.Row(0, Ln3, -Ln3);
        var dA = TestData.Row(2, 2, -4);

        ActivationHarness.Backward(new Sigmoid(), z, dA).ShouldEqual(new double[,] { { 0.5, 0.375, -0.75 } }, 1e-15);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var check = GradientChecker.CheckActivation(new Sigmoid(), ActivationHarness.AwayFromKinks());

        check.MaxRelativeError.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void SaturationBounds_AreFivePercentFromEachAsymptote()
    {
        IActivation sigmoid = new Sigmoid();

        sigmoid.SaturationBounds.ShouldBe((0.05, 0.95));
        sigmoid.ToString().ShouldBe("Sigmoid");
    }
}
