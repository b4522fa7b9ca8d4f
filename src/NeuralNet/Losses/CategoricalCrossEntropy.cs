using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Internal;

namespace NeuralNet.Losses;

/// <summary>
/// The cross-entropy for one-of-k targets: C = −(1/m) Σₓ Σⱼ yⱼ ln aⱼ (the log-likelihood cost of Nielsen, chapter 3, eq. 80).
/// </summary>
/// <remarks>
/// <para>∇ₐCₓ = −y / a. With a <see cref="Softmax"/> output the output error is δ = a − y (Nielsen eq. 84), which the network
/// uses directly: it is exact, cheap, and stable even when some aⱼ underflow to 0.</para>
/// <para>Each logarithm is clamped at −100 and the gradient's denominator at 1e-12, as in PyTorch's <c>BCELoss</c>.</para>
/// </remarks>
public sealed class CategoricalCrossEntropy : ILoss
{
    /// <inheritdoc/>
    public string Name => "CategoricalCrossEntropy";

    /// <inheritdoc/>
    public double Value(Matrix<double> output, Matrix<double> target)
    {
        LossGuard.Shapes(output, target);
        double sum = 0;
        for (int c = 0; c < output.ColumnCount; c++)
            for (int r = 0; r < output.RowCount; r++)
            {
                double y = target[r, c];
                if (y != 0) sum += y * LossGuard.ClampedLog(output[r, c]);
            }
        return -sum / output.ColumnCount;
    }

    /// <inheritdoc/>
    public void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result)
    {
        LossGuard.Shapes(output, target);
        for (int c = 0; c < output.ColumnCount; c++)
            for (int r = 0; r < output.RowCount; r++)
                result[r, c] = -target[r, c] / Math.Max(output[r, c], 1e-12);
    }

    /// <summary>With a softmax output, δᴸ = a − y (this assumes each target column sums to 1, as one-hot targets do).</summary>
    public bool TryOutputDelta(IActivation outputActivation, Matrix<double> output, Matrix<double> target, Matrix<double> delta)
    {
        if (outputActivation is not Softmax) return false;
        LossGuard.Shapes(output, target);
        output.Subtract(target, delta);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
