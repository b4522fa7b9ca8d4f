using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Data;

/// <summary>
/// Classification metrics for network outputs in the library's orientation, one column per
/// sample: <c>outputs</c> is classes × n and the prediction for sample j is
/// <c>ŷⱼ = argmaxₖ outputs[k, j]</c>.
/// </summary>
/// <remarks>
/// <b>One sigmoid output.</b> With a single output row (a binary classifier, a = P(class 1 | x)) the prediction is
/// <c>ŷⱼ = [outputs[0, j] ≥ t]</c>, class 1 when a ≥ t (t = 0.5 unless given), and labels are 0 or 1; the confusion matrix
/// is then 2 × 2.
/// </remarks>
public static class Evaluation
{
    /// <summary>The predicted class of each column: <c>ŷⱼ = argmaxₖ outputs[k, j]</c>; ties go to
    /// the lowest k, and NaN never wins (a column of NaN predicts 0). For a single output row, <c>ŷⱼ = [outputs[0, j] ≥ 0.5]</c>.</summary>
    /// <param name="outputs">classes × n network outputs.</param>
    /// <returns>n predicted classes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputs"/> is null.</exception>
    public static int[] Argmax(Matrix<double> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        int[] predictions = new int[outputs.ColumnCount];
        double[] data = outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray();
        int rows = outputs.RowCount;
        for (int j = 0; j < predictions.Length; j++)
        {
            predictions[j] = PredictedClass(data.AsSpan(j * rows, rows), DefaultThreshold);
        }

        return predictions;
    }

    /// <summary>Number of correctly classified samples: <c>Σⱼ [argmaxₖ outputs[k, j] = labels[j]]</c>
    /// (Nielsen's <c>evaluate</c>).</summary>
    /// <param name="outputs">classes × n network outputs.</param>
    /// <param name="labels">n true labels, each in 0 … classes − 1.</param>
    /// <returns>A count in 0 … n.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The column count differs from the label count (both
    /// shapes named), or a label is out of range (index and value named).</exception>
    public static int CountCorrect(Matrix<double> outputs, int[] labels) => CountCorrect(outputs, labels, DefaultThreshold);

    private static int CountCorrect(Matrix<double> outputs, int[] labels, double threshold)
    {
        Validate(outputs, labels);
        double[] data = outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray();
        int rows = outputs.RowCount;
        int correct = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            if (PredictedClass(data.AsSpan(j * rows, rows), threshold) == labels[j])
            {
                correct++;
            }
        }

        return correct;
    }

    /// <summary>Share of correctly classified samples: <c>(1/n) Σⱼ [argmaxₖ outputs[k, j] = labels[j]]</c>.</summary>
    /// <param name="outputs">classes × n network outputs.</param>
    /// <param name="labels">n true labels, each in 0 … classes − 1.</param>
    /// <returns>Accuracy in [0, 1]; 0 when n = 0.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The column count differs from the label count (both
    /// shapes named), or a label is out of range (index and value named).</exception>
    public static double Accuracy(Matrix<double> outputs, int[] labels) => Accuracy(outputs, labels, DefaultThreshold);

    /// <summary>Accuracy of one sigmoid output with threshold t: <c>(1/n) Σⱼ [[outputs[0, j] ≥ t] = labels[j]]</c>
    /// (for several output rows t is ignored and the rule is argmax).</summary>
    /// <param name="outputs">1 × n sigmoid outputs (or classes × n).</param>
    /// <param name="labels">n true labels, 0 or 1 for one output row.</param>
    /// <param name="threshold">t: class 1 when a ≥ t.</param>
    /// <returns>Accuracy in [0, 1]; 0 when n = 0.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The column count differs from the label count, or a label is out of range.</exception>
    public static double Accuracy(Matrix<double> outputs, int[] labels, double threshold)
    {
        int correct = CountCorrect(outputs, labels, threshold);
        return labels.Length == 0 ? 0.0 : (double)correct / labels.Length;
    }

    /// <summary>
    /// The confusion matrix C with <b>rows = true label, columns = predicted class</b>:
    /// <c>C[t, p] = #{ j : labels[j] = t and argmaxₖ outputs[k, j] = p }</c>. The diagonal holds the
    /// correct predictions and every row t sums to the number of samples labelled t.
    /// </summary>
    /// <param name="outputs">classes × n network outputs.</param>
    /// <param name="labels">n true labels, each in 0 … classes − 1.</param>
    /// <param name="classes">Number of classes; must equal the row count of <paramref name="outputs"/> (or be 2 for a single sigmoid output row).</param>
    /// <returns>A classes × classes array of counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The outputs do not have <paramref name="classes"/> rows or
    /// one column per label (shapes named), or a label is out of range (index and value named).</exception>
    public static int[,] ConfusionMatrix(Matrix<double> outputs, int[] labels, int classes)
    {
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"Expected at least 1 class. Received: classes={classes}.");
        }

        Validate(outputs, labels);
        if (outputs.RowCount != classes && !(outputs.RowCount == 1 && classes == 2))
        {
            throw new ArgumentException(
                $"Expected outputs with one row per class ({classes} × n). Received: outputs {outputs.RowCount} × {outputs.ColumnCount}, classes={classes}.",
                nameof(outputs));
        }

        double[] data = outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray();
        var confusion = new int[classes, classes];
        int rows = outputs.RowCount;
        for (int j = 0; j < labels.Length; j++)
        {
            confusion[labels[j], PredictedClass(data.AsSpan(j * rows, rows), DefaultThreshold)]++;
        }

        return confusion;
    }

    private const double DefaultThreshold = 0.5;

    /// <summary>The class of one output column: argmax, or for a single sigmoid output [a ≥ threshold].</summary>
    private static int PredictedClass(ReadOnlySpan<double> column, double threshold) =>
        column.Length == 1 ? (column[0] >= threshold ? 1 : 0) : ArgmaxColumn(column);

    /// <summary>argmaxₖ column[k]: ties go to the lowest k, NaN never wins (an all-NaN column gives 0).</summary>
    internal static int ArgmaxColumn(ReadOnlySpan<double> column)
    {
        int best = 0;
        double bestValue = double.NegativeInfinity;
        for (int k = 0; k < column.Length; k++)
        {
            if (column[k] > bestValue)
            {
                bestValue = column[k];
                best = k;
            }
        }

        return best;
    }

    private static void Validate(Matrix<double> outputs, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (outputs.ColumnCount != labels.Length)
        {
            throw new ArgumentException(
                $"Expected one output column per label (outputs are classes × samples). Received: outputs {outputs.RowCount} × {outputs.ColumnCount}, labels [{labels.Length}].",
                nameof(labels));
        }

        int classes = outputs.RowCount == 1 ? 2 : outputs.RowCount;    // one sigmoid output: classes 0 and 1
        for (int j = 0; j < labels.Length; j++)
        {
            if ((uint)labels[j] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Expected labels in 0..{classes - 1} ({(outputs.RowCount == 1 ? "one sigmoid output: 0 or 1" : "one per output row")}). Received: labels[{j}]={labels[j]}.",
                    nameof(labels));
            }
        }
    }
}
