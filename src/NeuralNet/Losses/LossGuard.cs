using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Internal;

namespace NeuralNet.Losses;

/// <summary>Shared checks and numerics for the built-in losses.</summary>
internal static class LossGuard
{
    public static void Shapes(Matrix<double> output, Matrix<double> target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (output.RowCount != target.RowCount || output.ColumnCount != target.ColumnCount)
            throw new ArgumentException(
                $"output is {Guard.Shape(output)} but target is {Guard.Shape(target)}: they must have the same shape (outputs × samples).",
                nameof(target));
    }

    /// <summary>ln x, clamped below at −100 (so ln 0 gives −100, as in PyTorch's BCELoss).</summary>
    public static double ClampedLog(double x) => Math.Max(Math.Log(x), -100.0);
}
