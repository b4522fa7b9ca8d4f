using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Initializers;

namespace NeuralNet.Tests;

public class EluTests
{
    [Theory]
    [InlineData(1.0, 2.0, 2.0)]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(1.0, -1.0, -0.63212055882855767)]     // e⁻¹ − 1
    [InlineData(0.5, -2.0, -0.43233235838169365)]     // 0.5·(e⁻² − 1)
    [InlineData(1.0, -1e-10, -9.9999999995e-11)]      // α(eᶻ − 1) ≈ z near 0, without cancellation
    public void Apply_MatchesClosedForm(double alpha, double z, double expected) =>
        new Elu(alpha).Apply(z).ShouldBe(expected, Math.Abs(expected) * 1e-14 + 1e-300);

    [Theory]
    [InlineData(1.0, 3.0, 1.0)]
    [InlineData(1.0, -1.0, 0.36787944117144233)]      // α·eᶻ = e⁻¹
    [InlineData(0.5, -2.0, 0.067667641618306351)]     // 0.5·e⁻²
    public void Derivative_IsOneOrOutputPlusAlpha(double alpha, double z, double expected)
    {
        var elu = new Elu(alpha);
        elu.Derivative(z, elu.Apply(z)).ShouldBe(expected, 1e-15);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var random = new Random(1);
        // Entries in ±[0.1, 3], away from the kink at 0.
        var z = Matrix<double>.Build.Dense(5, 4, (_, _) => (random.Next(2) == 0 ? -1 : 1) * (0.1 + 2.9 * random.NextDouble()));
        GradientChecker.CheckActivation(new Elu(), z).Passed(1e-8).ShouldBeTrue();
        GradientChecker.CheckActivation(new Elu(0.3), z).Passed(1e-8).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_RejectsNegativeAlpha() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Elu(-1)).Message.ShouldContain("alpha=-1");

    [Fact]
    public void ToString_ShowsAlpha() => new Layer(3, 2, new Elu()).ToString().ShouldBe("3→2 ELU(1)");

    [Fact]
    public void DefaultInitializer_IsHeNormal() => Network.DefaultInitializer(new Elu()).ShouldBeOfType<HeNormal>();
}
