using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

public class XavierUniformTests
{
    [Fact]
    public void Initialize_DrawsWeightsWithVarianceTwoOverFanInPlusFanOut()
    {
        var (weights, _) = InitializerHarness.Draw(new XavierUniform(), seed: 1);

        InitializerHarness.ShouldHaveMoments(weights.Enumerate(), 2.0 / 700 /* U(±r): r²/3 = 2/(n_in + n_out) */);
    }

    [Fact]
    public void Initialize_RespectsTheBound()
    {
        // r = √(6/(n_in + n_out)) = √(6/700); draws fill (−r, r) up to its ends
        double bound = Math.Sqrt(6.0 / 700);
        var (weights, _) = InitializerHarness.Draw(new XavierUniform(), seed: 2);

        weights.Enumerate().ShouldAllBe(w => Math.Abs(w) <= bound);
        weights.Enumerate().Max().ShouldBeGreaterThan(0.999 * bound);
        weights.Enumerate().Min().ShouldBeLessThan(-0.999 * bound);
    }

    [Fact]
    public void Initialize_SetsBiasesToZero()
    {
        InitializerHarness.BiasesShouldBeZero(new XavierUniform());
    }

    [Fact]
    public void Initialize_IsDeterministicForTheSameSeed()
    {
        InitializerHarness.SameSeedShouldGiveSameDraws(new XavierUniform());
    }

    [Fact]
    public void Initialize_RejectsBiasesOfTheWrongLength()
    {
        InitializerHarness.ShouldRejectMismatchedBiases(new XavierUniform());
    }

    [Fact]
    public void ToString_IsTheName()
    {
        new XavierUniform().ToString().ShouldBe("XavierUniform");
    }
}
