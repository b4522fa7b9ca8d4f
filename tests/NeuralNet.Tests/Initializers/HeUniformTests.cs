using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

public class HeUniformTests
{
    [Fact]
    public void Initialize_DrawsWeightsWithVarianceTwoOverFanIn()
    {
        var (weights, _) = InitializerHarness.Draw(new HeUniform(), seed: 1);

        InitializerHarness.ShouldHaveMoments(weights.Enumerate(), 2.0 / 300 /* U(±r): r²/3 = 2/n_in */);
    }

    [Fact]
    public void Initialize_RespectsTheBound()
    {
        // r = √(6/n_in) = √(6/300) = √0.02
        double bound = Math.Sqrt(0.02);
        var (weights, _) = InitializerHarness.Draw(new HeUniform(), seed: 2);

        weights.Enumerate().ShouldAllBe(w => Math.Abs(w) <= bound);
        weights.Enumerate().Max().ShouldBeGreaterThan(0.999 * bound);
        weights.Enumerate().Min().ShouldBeLessThan(-0.999 * bound);
    }

    [Fact]
    public void Initialize_SetsBiasesToZero()
    {
        InitializerHarness.BiasesShouldBeZero(new HeUniform());
    }

    [Fact]
    public void Initialize_IsDeterministicForTheSameSeed()
    {
        InitializerHarness.SameSeedShouldGiveSameDraws(new HeUniform());
    }

    [Fact]
    public void Initialize_RejectsBiasesOfTheWrongLength()
    {
        InitializerHarness.ShouldRejectMismatchedBiases(new HeUniform());
    }

    [Fact]
    public void ToString_IsTheName()
    {
        new HeUniform().ToString().ShouldBe("HeUniform");
    }
}
