using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Data;

/// <summary>
/// Classification metrics for network outputs in the library's orientation, one column per
/// sample: <c>outputs</c> is classes × n and the prediction for sample j is
/// <c>ŷⱼ = argmaxₖ outputs[k, j]</c>.
/// </summary>
public static class Evaluation
{
    /// <summary>The predicted class of each column: <c>ŷⱼ = argmaxₖ outputs[k, j]</c>; ties go to
    /// the lowest k, and NaN never wins (a column of NaN predicts 0).</summary>
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
            predictions[j] = ArgmaxColumn(data.AsSpan(j * rows, rows));
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
    public static int CountCorrect(Matrix<double> outputs, int[] labels)
    {
        Validate(outputs, labels);
        double[] data = outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray();
        int rows = outputs.RowCount;
        int correct = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            if (ArgmaxColumn(data.AsSpan(j * rows, rows)) == labels[j])
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
    public static double Accuracy(Matrix<double> outputs, int[] labels)
    {
        int correct = CountCorrect(outputs, labels);
        return labels.Length == 0 ? 0.0 : (double)correct / labels.Length;
    }

    /// <summary>
    /// The confusion matrix C with <b>rows = true label, columns = predicted class</b>:
    /// <c>C[t, p] = #{ j : labels[j] = t and argmaxₖ outputs[k, j] = p }</c>. The diagonal holds the
    /// correct predictions and every row t sums to the number of samples labelled t.
    /// </summary>
    /// <param name="outputs">classes × n network outputs.</param>
    /// <param name="labels">n true labels, each in 0 … classes − 1.</param>
    /// <param name="classes">Number of classes; must equal the row count of <paramref name="outputs"/>.</param>
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
        if (outputs.RowCount != classes)
        {
            throw new ArgumentException(
                $"Expected outputs with one row per class ({classes} × n). Received: outputs {outputs.RowCount} × {outputs.ColumnCount}, classes={classes}.",
                nameof(outputs));
        }

        double[] data = outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray();
        var confusion = new int[classes, classes];
        for (int j = 0; j < labels.Length; j++)
        {
            confusion[labels[j], ArgmaxColumn(data.AsSpan(j * classes, classes))]++;
        }

        return confusion;
    }

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

        int classes = outputs.RowCount;
        for (int j = 0; j < labels.Length; j++)
        {
            if ((uint)labels[j] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Expected labels in 0..{classes - 1} (one per output row). Received: labels[{j}]={labels[j]}.",
                    nameof(labels));
            }
        }
    }
}
