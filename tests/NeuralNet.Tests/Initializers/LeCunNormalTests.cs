using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

public class LeCunNormalTests
{
    [Fact]
    public void Initialize_DrawsWeightsWithVarianceOneOverFanIn()
    {
        var (weights, _) = InitializerHarness.Draw(new LeCunNormal(), seed: 1);

        InitializerHarness.ShouldHaveMoments(weights.Enumerate(), 1.0 / 300 /* N(0, 1/n_in) */);
    }

    [Fact]
    public void Initialize_DrawsBiasesFromStandardNormal()
    {
        InitializerHarness.BiasesShouldBeStandardNormal(new LeCunNormal());
    }

    [Fact]
    public void Initialize_IsDeterministicForTheSameSeed()
    {
        InitializerHarness.SameSeedShouldGiveSameDraws(new LeCunNormal());
    }

    [Fact]
    public void Initialize_RejectsBiasesOfTheWrongLength()
    {
        InitializerHarness.ShouldRejectMismatchedBiases(new LeCunNormal());
    }

    [Fact]
    public void ToString_IsTheName()
    {
        new LeCunNormal().ToString().ShouldBe("LeCunNormal");
    }
}
