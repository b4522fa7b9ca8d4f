using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;

namespace NeuralNet.Tests.Activations;

/// <summary>Runs an activation's forward and backward passes on fresh buffers, as a layer would.</summary>
internal static class ActivationHarness
{
    /// <summary>A = f(Z).</summary>
    public static Matrix<double> Forward(IActivation activation, Matrix<double> z)
    {
        var a = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, double.NaN);
        activation.Forward(z, a);
        return a;
    }

    /// <summary>dZ from dA, after a forward pass at Z.</summary>
    public static Matrix<double> Backward(IActivation activation, Matrix<double> z, Matrix<double> dA)
    {
        var a = Forward(activation, z);
        var dZ = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, double.NaN);
        activation.Backward(z, a, dA, dZ);
        return dZ;
    }

    /// <summary>
    /// Weighted inputs for gradient checks: 3 × 4, every entry at least 0.1 away from 0, so no central difference
    /// with h = 1e-5 straddles the kink of ReLU or leaky ReLU.
    /// </summary>
    public static Matrix<double> AwayFromKinks() => TestData.Matrix(new double[,]
    {
        { -2.1, 0.3, 1.7, -0.4 },
        { 0.9, -1.3, -0.2, 2.5 },
        { 0.15, 3.2, -0.75, -1.05 },
    });
}
