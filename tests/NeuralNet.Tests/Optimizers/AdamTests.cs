using NeuralNet.Activations;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Optimizers;

public class AdamTests
{
    /// <summary>The bias b of a fresh 1→1 layer, set to θ₀.</summary>
    private static IReadOnlyList<Parameter> Bias(double theta)
    {
        var layer = new Layer(1, 1, new Identity());
        layer.Parameters[1].Value[0] = theta;
        return [layer.Parameters[1]];
    }

    [Fact]
    public void Step_FollowsPyTorchOverTwoSteps()
    {
        // η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, θ₀ = 1.
        // step 1, g = 0.5:  m = 0.1·0.5 = 0.05;   v = 0.001·0.25 = 0.00025;  1 − β₁ = 0.1;  1 − β₂ = 0.001
        //                   θ = 1 − (0.1/0.1)·0.05 / (√(0.00025/0.001) + ε) = 1 − 0.05/(0.5 + 1e-8)
        // step 2, g = −1:   m = 0.045 − 0.1 = −0.055;  v = 0.00024975 + 0.001 = 0.00124975;  1 − β₁² = 0.19;  1 − β₂² = 0.001999
        //                   θ = θ₁ + (0.1/0.19)·0.055 / (√(0.00124975/0.001999) + ε)
        double theta1 = 1 - 0.05 / (0.5 + 1e-8);
        double theta2 = theta1 + 0.1 / 0.19 * 0.055 / (Math.Sqrt(0.00124975 / 0.001999) + 1e-8);
        var p = Bias(1);
        var adam = new Adam();

        p[0].Gradient[0] = 0.5;
        adam.Step(p, 0.1);
        p[0].Value[0].ShouldBe(theta1, 1e-14);

        p[0].Gradient[0] = -1;
        adam.Step(p, 0.1);
        p[0].Value[0].ShouldBe(theta2, 1e-14);
        theta2.ShouldBe(0.93661, 1e-5);   // the same number written out, as a check on the expression above
    }

    [Fact]
    public void Step_MovesByAboutTheLearningRateOnTheFirstStep()
    {
        // bias correction makes the first step −η·g/|g| (up to ε/|g| = 1e-6), whatever the gradient's scale
        var p = Bias(0);
        p[0].Gradient[0] = -0.01;

        new Adam().Step(p, 0.01);

        p[0].Value[0].ShouldBe(0.01, 1e-7);
    }

    [Fact]
    public void Step_UsesCustomBetasAndEpsilon()
    {
        // β₁ = 0.5, β₂ = 0.5, ε = 0.5, g = 2: m = 1, v = 2, θ = 0 − (0.1/0.5)·1/(√(2/0.5) + 0.5) = −0.2/2.5 = −0.08
        var p = Bias(0);
        p[0].Gradient[0] = 2;

        new Adam(beta1: 0.5, beta2: 0.5, epsilon: 0.5).Step(p, 0.1);

        p[0].Value[0].ShouldBe(-0.08, 1e-15);
    }

    [Fact]
    public void Reset_RestartsTheStepCount()
    {
        var p = Bias(0);
        var adam = new Adam();
        p[0].Gradient[0] = 1;
        adam.Step(p, 0.1);
        double firstStep = p[0].Value[0];

        adam.Reset();
        p[0].Value[0] = 0;
        p[0].Gradient[0] = 1;
        adam.Step(p, 0.1);

        p[0].Value[0].ShouldBe(firstStep);
    }

    [Theory]
    [InlineData(1.0, 0.999)]
    [InlineData(-0.1, 0.999)]
    [InlineData(0.9, 1.0)]
    [InlineData(0.9, 1.5)]
    [InlineData(0.9, double.NaN)]
    public void Constructor_RejectsBetasOutsideZeroToOne(double beta1, double beta2)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new Adam(beta1, beta2));

        string bad = beta1 is >= 0 and < 1 ? "beta2" : "beta1";
        exception.ParamName.ShouldBe(bad);
        exception.Message.ShouldContain($"{bad}={(bad == "beta1" ? beta1 : beta2)}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-8)]
    public void Constructor_RejectsNonPositiveEpsilon(double epsilon)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new Adam(epsilon: epsilon));

        exception.Message.ShouldContain($"epsilon={epsilon}");
    }

    [Fact]
    public void ToString_DescribesTheSettings()
    {
        new Adam().ToString().ShouldBe("Adam(beta1: 0.9, beta2: 0.999, epsilon: 1E-08)");
    }
}
