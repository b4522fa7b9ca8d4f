using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

public class StandardNormalTests
{
    [Fact]
    public void Initialize_DrawsWeightsWithUnitVariance()
    {
        var (weights, _) = InitializerHarness.Draw(new StandardNormal(), seed: 1);

        InitializerHarness.ShouldHaveMoments(weights.Enumerate(), 1.0 /* N(0, 1) */);
    }

    [Fact]
    public void Initialize_DrawsBiasesFromStandardNormal()
    {
        InitializerHarness.BiasesShouldBeStandardNormal(new StandardNormal());
    }

    [Fact]
    public void Initialize_IsDeterministicForTheSameSeed()
    {
        InitializerHarness.SameSeedShouldGiveSameDraws(new StandardNormal());
    }

    [Fact]
    public void Initialize_RejectsBiasesOfTheWrongLength()
    {
        InitializerHarness.ShouldRejectMismatchedBiases(new StandardNormal());
    }

    [Fact]
    public void ToString_IsTheName()
    {
        new StandardNormal().ToString().ShouldBe("StandardNormal");
    }
}
