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

    /// <summary>Binary cross-entropy needs 0 ≤ y ≤ 1 (a probability): y = 2 would give a negative cost. Names the first offending row and column.</summary>
    public static void Probabilities(Matrix<double> target, string name = "target")
    {
        for (int c = 0; c < target.ColumnCount; c++)
            for (int r = 0; r < target.RowCount; r++)
            {
                double y = target[r, c];
                if (!(y >= 0 && y <= 1))
                    throw new ArgumentException(
                        $"{name} contains {y} at row {r}, column {c} (sample {c}); binary cross-entropy needs targets in [0, 1].", name);
            }
    }

    /// <summary>
    /// Softmax + categorical cross-entropy's output error δ = a − y is the cost's gradient only if every target column is a
    /// distribution: yⱼ ≥ 0 and Σⱼ yⱼ = 1 (within 1e-6). Names the first offending column (and row, for a negative value).
    /// </summary>
    public static void Distributions(Matrix<double> target, string name = "target")
    {
        for (int c = 0; c < target.ColumnCount; c++)
        {
            double sum = 0;
            for (int r = 0; r < target.RowCount; r++)
            {
                double y = target[r, c];
                if (!(y >= 0))
                    throw new ArgumentException(
                        $"{name} contains {y} at row {r}, column {c} (sample {c}); categorical cross-entropy needs targets ≥ 0 that sum to 1 in each column.", name);
                sum += y;
            }
            if (!(Math.Abs(sum - 1) <= 1e-6))
                throw new ArgumentException(
                    $"{name} column {c} (sample {c}) sums to {sum}, rows 0–{target.RowCount - 1}; softmax with categorical cross-entropy needs each target column to sum to 1 (one-hot or a distribution).", name);
        }
    }

    /// <summary>Checks that <paramref name="target"/> lies in the domain of <paramref name="loss"/> when the output layer uses <paramref name="outputActivation"/>.</summary>
    public static void Domain(ILoss loss, Activations.IActivation? outputActivation, Matrix<double> target, string name)
    {
        if (loss is BinaryCrossEntropy) Probabilities(target, name);
        else if (loss is CategoricalCrossEntropy && outputActivation is Activations.Softmax) Distributions(target, name);
    }

    /// <summary>ln x, clamped below at −100 (so ln 0 gives −100, as in PyTorch's BCELoss).</summary>
    public static double ClampedLog(double x) => Math.Max(Math.Log(x), -100.0);
}
