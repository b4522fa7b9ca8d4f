using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 13 (advanced): plant a typical backprop bug, a sigmoid derivative written as a instead of a(1 − a), and
/// watch the gradient checker catch it, both for the activation alone and in a whole network.
/// </summary>
public class Exercise13_GradientCheckCatchesABug
{
    /// <summary>σ with a wrong derivative: forgets the factor (1 − a).</summary>
    public sealed class BuggySigmoid : ElementwiseActivation
    {
        public override string Name => "BuggySigmoid";

        public override double Apply(double z) => 1 / (1 + Math.Exp(-z));

        public override double Derivative(double z, double a) => a;
    }

    [Fact]
    public void CheckActivation_FailsForTheBug_AndPassesForTheRealSigmoid()
    {
        var z = Matrix<double>.Build.Dense(3, 4, (i, j) => -1.5 + 0.3 * (4 * i + j));
        GradientChecker.CheckActivation(new BuggySigmoid(), z).MaxRelativeError.ShouldBeGreaterThan(1e-2);
        GradientChecker.CheckActivation(new Sigmoid(), z).Passed().ShouldBeTrue();
    }

    [Fact]
    public void NetworkCheck_PointsAtTheLayersAffectedByTheBug()
    {
        var network = new Network(new Layer(2, 3, new BuggySigmoid()), new Layer(3, 1, new Sigmoid()));
        network.Initialize(seed: 2);
        var check = GradientChecker.Check(network, ExerciseData.XorInputs, ExerciseData.XorTargets, new MeanSquaredError());
        check.Passed().ShouldBeFalse();
        check.Layers[0].WeightRelativeError.ShouldBeGreaterThan(1e-2);    // the bug is in layer 1's δ (BP2)
        check.Layers[1].WeightRelativeError.ShouldBeLessThan(1e-6);        // layer 2's gradients do not depend on it
    }
}
