using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Internal;

namespace NeuralNet.Losses;

/// <summary>
/// The quadratic cost C = 1/(2m) Σₓ ‖a − y‖², with ∇ₐCₓ = a − y (Nielsen, chapter 1, eq. 6).
/// </summary>
/// <remarks>Equal to PyTorch's <c>0.5 * ((a - y) ** 2).sum(0).mean()</c> for column-per-sample a and y.</remarks>
public sealed class MeanSquaredError : ILoss
{
    /// <inheritdoc/>
    public string Name => "MeanSquaredError";

    /// <inheritdoc/>
    public double Value(Matrix<double> output, Matrix<double> target)
    {
        LossGuard.Shapes(output, target);
        var (a, y) = (output.AsColumnMajorArray(), target.AsColumnMajorArray());
        double sum = 0;
        if (a is not null && y is not null)
        {
            // column-major arrays: the same order as the loop below, without MathNet's indexers
            for (int i = 0; i < a.Length; i++)
            {
                double d = a[i] - y[i];
                sum += d * d;
            }
            return sum / (2.0 * output.ColumnCount);
        }
        for (int c = 0; c < output.ColumnCount; c++)
            for (int r = 0; r < output.RowCount; r++)
            {
                double d = output[r, c] - target[r, c];
                sum += d * d;
            }
        return sum / (2.0 * output.ColumnCount);
    }

    /// <inheritdoc/>
    public void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result)
    {
        LossGuard.Shapes(output, target);
        var (a, y, g) = (output.AsColumnMajorArray(), target.AsColumnMajorArray(), result.AsColumnMajorArray());
        if (a is not null && y is not null && g is not null && g.Length == a.Length)
            TensorPrimitives.Subtract(a, y, g);                        // ∇ₐC = a − y
        else
            output.Subtract(target, result);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
