using NeuralNet.Activations;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Optimizers;

public class SgdTests
{
    /// <summary>W (1×2) and b (1) of a fresh layer, with the given values; their gradients are set by each test.</summary>
    private static IReadOnlyList<Parameter> Parameters(double w0, double w1, double b)
    {
        var layer = new Layer(2, 1, new Identity());
        layer.Parameters[0].Value[0] = w0;
        layer.Parameters[0].Value[1] = w1;
        layer.Parameters[1].Value[0] = b;
        return layer.Parameters;
    }

    private static void SetGradients(IReadOnlyList<Parameter> parameters, double gw0, double gw1, double gb)
    {
        parameters[0].Gradient[0] = gw0;
        parameters[0].Gradient[1] = gw1;
        parameters[1].Gradient[0] = gb;
    }

    [Fact]
    public void Step_SubtractsLearningRateTimesGradient()
    {
        // θ ← θ − ηg with η = 0.1: 1 − 0.05, −2 + 0.1, 0.3 − 0.2
        var p = Parameters(1, -2, 0.3);
        SetGradients(p, 0.5, -1, 2);

        new Sgd().Step(p, 0.1);

        p[0].Value.ShouldBe([0.95, -1.9], 1e-15);
        p[1].Value[0].ShouldBe(0.1, 1e-15);
    }

    [Fact]
    public void Step_WithMomentumAccumulatesVelocityOverTwoSteps()
    {
        // μ = 0.9, η = 0.1, θ₀ = 1
        // step 1, g = 0.5:  v = 0.5;                  θ = 1 − 0.1·0.5 = 0.95
        // step 2, g = −1:   v = 0.9·0.5 − 1 = −0.55;  θ = 0.95 + 0.1·0.55 = 1.005
        var p = Parameters(1, 0, 0);
        var sgd = new Sgd(momentum: 0.9);

        SetGradients(p, 0.5, 0, 0);
        sgd.Step(p, 0.1);
        p[0].Value[0].ShouldBe(0.95, 1e-15);

        SetGradients(p, -1, 0, 0);
        sgd.Step(p, 0.1);
        p[0].Value[0].ShouldBe(1.005, 1e-15);
    }

    [Fact]
    public void Step_WithNesterovLooksAheadAlongTheVelocity()
    {
        // μ = 0.9, η = 0.1, θ₀ = 1
        // step 1, g = 0.5:  v = 0.5;    θ = 1 − 0.1·(0.5 + 0.45) = 0.905
        // step 2, g = −1:   v = −0.55;  θ = 0.905 − 0.1·(−1 − 0.495) = 1.0545
        var p = Parameters(1, 0, 0);
        var sgd = new Sgd(momentum: 0.9, nesterov: true);

        SetGradients(p, 0.5, 0, 0);
        sgd.Step(p, 0.1);
        p[0].Value[0].ShouldBe(0.905, 1e-15);

        SetGradients(p, -1, 0, 0);
        sgd.Step(p, 0.1);
        p[0].Value[0].ShouldBe(1.0545, 1e-15);
    }

    [Fact]
    public void Step_KeepsOneVelocityPerParameter()
    {
        // W[0] and b both see g = 1 twice: each has v = 1 then 1.9, so each moves by 0.1 then 0.19
        var p = Parameters(0, 0, 0);
        var sgd = new Sgd(momentum: 0.9);

        SetGradients(p, 1, 0, 1);
        sgd.Step(p, 0.1);
        sgd.Step(p, 0.1);

        p[0].Value[0].ShouldBe(-0.29, 1e-15);
        p[0].Value[1].ShouldBe(0.0);
        p[1].Value[0].ShouldBe(-0.29, 1e-15);
    }

    [Fact]
    public void Reset_ForgetsTheVelocity()
    {
        var p = Parameters(1, 0, 0);
        var sgd = new Sgd(momentum: 0.9);
        SetGradients(p, 0.5, 0, 0);
        sgd.Step(p, 0.1);

        sgd.Reset();
        sgd.Step(p, 0.1);

        p[0].Value[0].ShouldBe(0.9, 1e-15);   // two first steps: 1 − 0.05 − 0.05
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_RejectsMomentumOutsideZeroToOne(double momentum)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new Sgd(momentum));

        exception.ParamName.ShouldBe("momentum");
        exception.Message.ShouldContain($"momentum={momentum}");
    }

    [Fact]
    public void Constructor_RejectsNesterovWithoutMomentum()
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new Sgd(nesterov: true));

        exception.Message.ShouldContain("momentum=0");
    }

    [Fact]
    public void ToString_DescribesTheSettings()
    {
        new Sgd().ToString().ShouldBe("Sgd");
        new Sgd(0.9).ToString().ShouldBe("Sgd(momentum: 0.9)");
        new Sgd(0.9, nesterov: true).ToString().ShouldBe("Sgd(momentum: 0.9, nesterov)");
    }
}
