using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

public class XavierNormalTests
{
    [Fact]
    public void Initialize_DrawsWeightsWithVarianceTwoOverFanInPlusFanOut()
    {
        var (weights, _) = InitializerHarness.Draw(new XavierNormal(), seed: 1);

        InitializerHarness.ShouldHaveMoments(weights.Enumerate(), 2.0 / 700 /* N(0, 2/(n_in + n_out)) */);
    }

    [Fact]
    public void Initialize_SetsBiasesToZero()
    {
        InitializerHarness.BiasesShouldBeZero(new XavierNormal());
    }

    [Fact]
    public void Initialize_IsDeterministicForTheSameSeed()
    {
        InitializerHarness.SameSeedShouldGiveSameDraws(new XavierNormal());
    }

    [Fact]
    public void Initialize_RejectsBiasesOfTheWrongLength()
    {
        InitializerHarness.ShouldRejectMismatchedBiases(new XavierNormal());
    }

    [Fact]
    public void ToString_IsTheName()
    {
        new XavierNormal().ToString().ShouldBe("XavierNormal");
    }
}
