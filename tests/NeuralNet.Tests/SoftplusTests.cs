using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;

namespace NeuralNet.Tests;

public class SoftplusTests
{
    private readonly Softplus _softplus = new();

    [Theory]
    [InlineData(0.0, 0.69314718055994531)]          // ln 2
    [InlineData(1.0, 1.3132616875182228)]           // ln(1 + e)
    [InlineData(-1.0, 0.31326168751822286)]         // ln(1 + e⁻¹)
    [InlineData(-40.0, 4.2483542552915889e-18)]     // ≈ e⁻⁴⁰: the naive ln(1 + eᶻ) gives 0
    [InlineData(800.0, 800.0)]                      // the naive form overflows to ∞
    public void Apply_IsStableAndMatchesClosedForm(double z, double expected) =>
        _softplus.Apply(z).ShouldBe(expected, Math.Abs(expected) * 1e-14);

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(2.0, 0.88079707797788231)]          // σ(2)
    [InlineData(-2.0, 0.11920292202211755)]         // σ(−2)
    [InlineData(-800.0, 0.0)]
    [InlineData(800.0, 1.0)]
    public void Derivative_IsSigmoid(double z, double expected) =>
        _softplus.Derivative(z, _softplus.Apply(z)).ShouldBe(expected, 1e-15);

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var random = new Random(2);
        var z = Matrix<double>.Build.Dense(6, 5, (_, _) => 10 * random.NextDouble() - 5);
        GradientChecker.CheckActivation(_softplus, z).Passed(1e-8).ShouldBeTrue();
    }

    [Fact]
    public void ToString_IsName() => new Layer(3, 2, _softplus).ToString().ShouldBe("3→2 Softplus");
}
