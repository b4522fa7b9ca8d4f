using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Exercises;

/// <summary>Exercise 2 (beginner): implement Softsign f(z) = z / (1 + |z|) and prove its derivative right with the gradient checker.</summary>
public class Exercise02_Softsign
{
    /// <summary>f(z) = z / (1 + |z|), f′(z) = 1 / (1 + |z|)²: like tanh, but with polynomial rather than exponential tails.</summary>
    public sealed class Softsign : ElementwiseActivation
    {
        public override string Name => "Softsign";

        public override double Apply(double z) => z / (1 + Math.Abs(z));

        public override double Derivative(double z, double a) => 1 / ((1 + Math.Abs(z)) * (1 + Math.Abs(z)));
    }

    [Fact]
    public void Softsign_PassesCheckActivation()
    {
        var z = Matrix<double>.Build.Dense(4, 5, (i, j) => -3.1 + 0.33 * (5 * i + j));   // avoids z = 0 exactly
        GradientChecker.CheckActivation(new Softsign(), z).Passed(1e-7).ShouldBeTrue();
    }

    [Fact]
    public void Softsign_InANetwork_PassesTheNetworkGradientCheck()
    {
        var network = new Network(new Layer(2, 3, new Softsign()), new Layer(3, 1, new Sigmoid()));
        network.Initialize(seed: 1);
        // Biases start at 0, so the input (0, 0) gives z = 0 exactly, where |z| has a kink and the central difference
        // is off by O(h). Move the biases off zero, as GradientChecker's remarks advise.
        network.Dense(0).Biases = Vector<double>.Build.DenseOfArray([0.1, -0.2, 0.3]);
        GradientChecker.Check(network, ExerciseData.XorInputs, ExerciseData.XorTargets, new MeanSquaredError()).Passed().ShouldBeTrue();
    }

    [Fact]
    public void Softsign_SaturatesMoreSlowlyThanTanh()
    {
        var softsign = new Softsign();
        softsign.Derivative(5, softsign.Apply(5)).ShouldBeGreaterThan(new Tanh().Derivative(5, Math.Tanh(5)) * 100);
    }
}
