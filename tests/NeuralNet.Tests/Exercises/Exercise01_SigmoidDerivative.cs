using NeuralNet.Activations;

namespace NeuralNet.Tests.Exercises;

/// <summary>Exercise 1 (beginner): σ′(z) = σ(z)(1 − σ(z)), and its maximum is ¼ at z = 0.</summary>
public class Exercise01_SigmoidDerivative
{
    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Derivative_EqualsSigmaTimesOneMinusSigma_AndTheCentralDifference()
    {
        var sigmoid = new Sigmoid();
        for (double z = -6; z <= 6; z += 0.25)
        {
            double a = Sigma(z);
            double numerical = (Sigma(z + 1e-5) - Sigma(z - 1e-5)) / 2e-5;
            sigmoid.Derivative(z, a).ShouldBe(a * (1 - a), 1e-15);
            sigmoid.Derivative(z, a).ShouldBe(numerical, 1e-9);
        }
    }

    [Fact]
    public void Derivative_IsAtMostAQuarter_ReachedAtZero_WhileTanhsReachesOne()
    {
        var sigmoid = new Sigmoid();
        var tanh = new Tanh();
        var grid = Enumerable.Range(-2000, 4001).Select(i => i / 200.0).ToArray();   // z from −10 to 10
        grid.Max(z => sigmoid.Derivative(z, Sigma(z))).ShouldBe(0.25);
        grid.MaxBy(z => sigmoid.Derivative(z, Sigma(z))).ShouldBe(0.0);
        grid.Max(z => tanh.Derivative(z, Math.Tanh(z))).ShouldBe(1.0);
        // Saturation: at |z| = 5 the sigmoid passes back less than 1/37 of the error it passed at z = 0.
        sigmoid.Derivative(5, Sigma(5)).ShouldBeLessThan(0.25 / 37);
    }
}
