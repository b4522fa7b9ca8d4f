using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Diagnostics;

namespace Assignment.Tests;

/// <summary>Exercise 1 (20 points): the derivative of f(z) = 1.7159·tanh(2z/3).</summary>
public class Exercise1_ScaledTanh
{
    private static readonly ScaledTanh F = new();

    [Graded(5)]
    public void Derivative_AtZero_IsScaleTimesSlope()
    {
        // f′(0) = 1.7159·(2/3)·tanh′(0) and tanh′(0) = 1
        Close.Numbers(1.7159 * 2 / 3, F.Derivative(0, F.Apply(0)), "f′(0)", 1e-12);
    }

    [Graded(10)]
    public void Derivative_MatchesTheCentralDifference_FromMinus4To4()
    {
        const double h = 1e-5;
        for (double z = -4; z <= 4; z += 0.25)
        {
            double numerical = (F.Apply(z + h) - F.Apply(z - h)) / (2 * h);   // (f(z + h) − f(z − h)) / 2h, error O(h²)
            Close.Numbers(numerical, F.Derivative(z, F.Apply(z)), $"f′({z})", 1e-8);
        }
    }

    [Graded(5)]
    public void Backward_PassesTheGradientChecker()
    {
        // Backward over a matrix: dZ = dA ⊙ f′(Z), checked against central differences of Σ dA ⊙ f(Z).
        var z = Matrix<double>.Build.Dense(3, 4, (i, j) => -2.2 + 0.37 * (4 * i + j));
        var check = GradientChecker.CheckActivation(F, z);
        Assert.True(check.Passed(1e-7), $"relative error {check.MaxRelativeError:G3}, expected below 1e-7");
    }
}
