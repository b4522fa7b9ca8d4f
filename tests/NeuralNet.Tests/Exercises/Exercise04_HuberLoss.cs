using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Exercises;

/// <summary>Exercise 4 (intermediate): derive the Huber loss's gradient, implement <see cref="ILoss"/>, verify with CheckLoss.</summary>
public class Exercise04_HuberLoss
{
    /// <summary>
    /// Cₓ = Σⱼ h(aⱼ − yⱼ) with h(r) = ½r² for |r| ≤ κ and κ(|r| − ½κ) beyond: quadratic near the target, linear far away.
    /// ∇ₐCₓ = h′(a − y) = r for |r| ≤ κ, κ·sign(r) beyond; an outlier's pull is capped at κ.
    /// </summary>
    public sealed class Huber(double kappa = 1.0) : ILoss
    {
        public string Name => "Huber";

        public double Value(Matrix<double> output, Matrix<double> target)
        {
            double sum = 0;
            for (int c = 0; c < output.ColumnCount; c++)
                for (int r = 0; r < output.RowCount; r++)
                {
                    double e = output[r, c] - target[r, c];
                    sum += Math.Abs(e) <= kappa ? 0.5 * e * e : kappa * (Math.Abs(e) - 0.5 * kappa);
                }
            return sum / output.ColumnCount;
        }

        public void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result)
        {
            for (int c = 0; c < output.ColumnCount; c++)
                for (int r = 0; r < output.RowCount; r++)
                {
                    double e = output[r, c] - target[r, c];
                    result[r, c] = Math.Abs(e) <= kappa ? e : kappa * Math.Sign(e);
                }
        }
    }

    [Fact]
    public void Huber_PassesCheckLoss_OnBothSidesOfTheKink()
    {
        var output = ExerciseData.M(new[,] { { 0.1, 2.5, -3.0 }, { 0.7, -0.2, 1.9 } });
        var target = ExerciseData.M(new[,] { { 0.0, 0.0, 0.0 }, { 0.0, 0.0, 0.0 } });   // residuals within and beyond κ = 1
        GradientChecker.CheckLoss(new Huber(), output, target).Passed(1e-7).ShouldBeTrue();
    }

    [Fact]
    public void Huber_InARegressionNetwork_PassesTheNetworkGradientCheck()
    {
        var network = new Network(new Layer(2, 4, new Tanh()), new Layer(4, 1, new Identity()));
        network.Initialize(seed: 4);
        var targets = ExerciseData.M(new[,] { { 3.0, -2.0, 0.1, 0.2 } });
        GradientChecker.Check(network, ExerciseData.XorInputs, targets, new Huber()).Passed().ShouldBeTrue();
    }

    [Fact]
    public void Huber_CapsTheGradientOfAnOutlier_WhereTheQuadraticCostDoesNot()
    {
        var output = ExerciseData.M(new[,] { { 10.0 } });
        var target = ExerciseData.M(new[,] { { 0.0 } });
        var huber = Matrix<double>.Build.Dense(1, 1);
        var quadratic = Matrix<double>.Build.Dense(1, 1);
        new Huber().Gradient(output, target, huber);
        new MeanSquaredError().Gradient(output, target, quadratic);
        huber[0, 0].ShouldBe(1.0);
        quadratic[0, 0].ShouldBe(10.0);
    }
}
