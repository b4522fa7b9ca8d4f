using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

public class HeNormalTests
{
    [Fact]
    public void Initialize_DrawsWeightsWithVarianceTwoOverFanIn()
    {
        var (weights, _) = InitializerHarness.Draw(new HeNormal(), seed: 1);

        InitializerHarness.ShouldHaveMoments(weights.Enumerate(), 2.0 / 300 /* N(0, 2/n_in) */);
    }

    [Fact]
    public void Initialize_SetsBiasesToZero()
    {
        InitializerHarness.BiasesShouldBeZero(new HeNormal());
    }

    [Fact]
    public void Initialize_IsDeterministicForTheSameSeed()
    {
        InitializerHarness.SameSeedShouldGiveSameDraws(new HeNormal());
    }

    [Fact]
    public void Initialize_RejectsBiasesOfTheWrongLength()
    {
        InitializerHarness.ShouldRejectMismatchedBiases(new HeNormal());
    }

    [Fact]
    public void ToString_IsTheName()
    {
        new HeNormal().ToString().ShouldBe("HeNormal");
    }
}
