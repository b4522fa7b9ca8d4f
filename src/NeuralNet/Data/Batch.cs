using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace NeuralNet.Data;

/// <summary>
/// One mini-batch from <see cref="Dataset.Batches"/>: b = <see cref="Count"/> samples,
/// <see cref="Inputs"/> features × b and <see cref="Targets"/> classes × b, one column per sample.
/// </summary>
/// <remarks>
/// A batch is a <b>reusable buffer</b>: <see cref="Dataset.Batches"/> overwrites the same object's
/// matrices and arrays for every full batch of an epoch (the smaller last batch has its own).
/// Use it before asking for the next one, or clone what you keep.
/// </remarks>
public sealed class Batch
{
    private readonly double[] _inputs;
    private readonly double[] _targets;

    internal Batch(int featureCount, int classCount, int count)
    {
        _inputs = new double[featureCount * count];
        _targets = new double[classCount * count];
        Inputs = new DenseMatrix(featureCount, count, _inputs);
        Targets = new DenseMatrix(classCount, count, _targets);
        Labels = new int[count];
        Indices = new int[count];
    }

    /// <summary>Inputs of the batch, features × <see cref="Count"/>; overwritten by the next batch.</summary>
    public Matrix<double> Inputs { get; }

    /// <summary>One-hot targets, classes × <see cref="Count"/>; overwritten by the next batch.</summary>
    public Matrix<double> Targets { get; }

    /// <summary>Label of each column, <see cref="Count"/> entries; overwritten by the next batch.</summary>
    public int[] Labels { get; }

    /// <summary>For each column, the index of that sample in the source dataset; overwritten by the next batch.</summary>
    public int[] Indices { get; }

    /// <summary>Number of samples b in this batch.</summary>
    public int Count => Labels.Length;

    /// <summary>Describes the shape, e.g. <c>Batch[32 samples, 784 features, 10 classes]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Batch[{Count} samples, {Inputs.RowCount} features, {Targets.RowCount} classes]";

    /// <summary>Copies the columns <c>order[start .. start + Count)</c> of the source into this buffer.</summary>
    internal void Fill(double[] sourceInputs, double[] sourceTargets, int[] sourceLabels, int[] order, int start)
    {
        int features = Inputs.RowCount;
        int classes = Targets.RowCount;
        for (int k = 0; k < Labels.Length; k++)
        {
            int j = order[start + k];
            Array.Copy(sourceInputs, j * features, _inputs, k * features, features);
            Array.Copy(sourceTargets, j * classes, _targets, k * classes, classes);
            Labels[k] = sourceLabels[j];
            Indices[k] = j;
        }
    }
}
