using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Internal;

namespace NeuralNet.Losses;

/// <summary>
/// The cross-entropy for independent binary outputs: C = −(1/m) Σₓ Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)] (Nielsen, chapter 3, eq. 63).
/// </summary>
/// <remarks>
/// <para>∇ₐCₓ = (a − y) / (a(1 − a)). With a <see cref="Sigmoid"/> output this cancels σ′ and the output error is δ = a − y,
/// which the network uses directly: learning no longer slows down when the output saturates.</para>
/// <para>As in PyTorch's <c>BCELoss</c>, each logarithm is clamped at −100 and the gradient's denominator at 1e-12, so
/// outputs of exactly 0 or 1 give large but finite values.</para>
/// </remarks>
public sealed class BinaryCrossEntropy : ILoss
{
    /// <inheritdoc/>
    public string Name => "BinaryCrossEntropy";

    /// <inheritdoc/>
    public double Value(Matrix<double> output, Matrix<double> target)
    {
        LossGuard.Shapes(output, target);
        double sum = 0;
        for (int c = 0; c < output.ColumnCount; c++)
            for (int r = 0; r < output.RowCount; r++)
            {
                double a = output[r, c], y = target[r, c];
                sum += y * LossGuard.ClampedLog(a) + (1 - y) * LossGuard.ClampedLog(1 - a);
            }
        return -sum / output.ColumnCount;
    }

    /// <inheritdoc/>
    public void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result)
    {
        LossGuard.Shapes(output, target);
        for (int c = 0; c < output.ColumnCount; c++)
            for (int r = 0; r < output.RowCount; r++)
            {
                double a = output[r, c];
                result[r, c] = (a - target[r, c]) / Math.Max(a * (1 - a), 1e-12);
            }
    }

    /// <summary>With a sigmoid output, δᴸ = a − y.</summary>
    public bool TryOutputDelta(IActivation outputActivation, Matrix<double> output, Matrix<double> target, Matrix<double> delta)
    {
        if (outputActivation is not Sigmoid) return false;
        LossGuard.Shapes(output, target);
        output.Subtract(target, delta);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
