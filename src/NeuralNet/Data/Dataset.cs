using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using NeuralNet.Internal;

namespace NeuralNet.Data;

/// <summary>
/// A labelled data set in the library's orientation, <b>one column per sample</b>:
/// <see cref="Inputs"/> is features × n and <see cref="Targets"/> is classes × n, with
/// <c>Targets[k, j] = 1</c> if <c>Labels[j] = k</c> and 0 otherwise (one-hot).
/// </summary>
/// <remarks>
/// <para>For MNIST, features = 784 (28 × 28 pixels, row-major, scaled to [0, 1] by ÷ 255) and
/// classes = 10. A mini-batch of m samples is then the 784 × m matrix <c>X</c> that a network's
/// first layer multiplies as <c>W·X + b</c>.</para>
/// <para>Storage is column-major, so each sample's column is one contiguous run of
/// <see cref="FeatureCount"/> doubles; <see cref="Subset"/>, <see cref="Shuffle"/> and
/// <see cref="Batches"/> copy whole columns with <see cref="Array.Copy(Array, int, Array, int, int)"/>.</para>
/// <para>A dataset never changes its samples: every method returns a new dataset (or, for
/// <see cref="Batches"/>, reusable buffers). The matrices and the label array are exposed for
/// speed, not copied; do not modify them.</para>
/// </remarks>
public sealed class Dataset
{
    private static readonly double[] ByteToUnit = CreateByteToUnit();

    private readonly double[] _inputs;   // column-major storage of Inputs, FeatureCount × Count
    private readonly double[] _targets;  // column-major storage of Targets, ClassCount × Count

    /// <summary>Creates a dataset from an input matrix (one column per sample) and one label per column.</summary>
    /// <param name="inputs">features × n. A dense matrix is used as is (not copied); any other is copied to dense storage.</param>
    /// <param name="labels">n labels, each in 0 … <paramref name="classCount"/> − 1. Copied.</param>
    /// <param name="classCount">Number of classes, the row count of <see cref="Targets"/>; at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The column count differs from the label count (both shapes
    /// are named), an input is NaN or infinite (its row and column are named), or a label is out of
    /// range (its index and value are named).</exception>
    public Dataset(Matrix<double> inputs, int[] labels, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"Expected at least 1 class. Received: classCount={classCount}.");
        }

        if (inputs.ColumnCount != labels.Length)
        {
            throw new ArgumentException(
                $"Expected one label per input column (inputs are features × samples). Received: inputs {inputs.RowCount} × {inputs.ColumnCount}, labels [{labels.Length}].",
                nameof(labels));
        }

        double[] data = inputs.AsColumnMajorArray() ?? inputs.ToColumnMajorArray();
        int rows = inputs.RowCount;
        Guard.Finite(inputs, nameof(inputs));   // names the row and column of the first NaN or ±Infinity

        for (int j = 0; j < labels.Length; j++)
        {
            if ((uint)labels[j] >= (uint)classCount)
            {
                throw new ArgumentException(
                    $"Expected labels in 0..{classCount - 1}. Received: labels[{j}]={labels[j]}.",
                    nameof(labels));
            }
        }

        Inputs = inputs.AsColumnMajorArray() is null ? new DenseMatrix(rows, labels.Length, data) : inputs;
        _inputs = data;
        Labels = (int[])labels.Clone();
        ClassCount = classCount;
        _targets = OneHot(Labels, classCount);
        Targets = new DenseMatrix(classCount, Labels.Length, _targets);
    }

    /// <summary>Trusted constructor: takes ownership of already validated arrays.</summary>
    private Dataset(double[] inputs, int featureCount, int[] labels, int classCount)
    {
        _inputs = inputs;
        Labels = labels;
        ClassCount = classCount;
        Inputs = new DenseMatrix(featureCount, labels.Length, inputs);
        _targets = OneHot(labels, classCount);
        Targets = new DenseMatrix(classCount, labels.Length, _targets);
    }

    /// <summary>Inputs, features × <see cref="Count"/>, one column per sample.</summary>
    public Matrix<double> Inputs { get; }

    /// <summary>One-hot targets, classes × <see cref="Count"/>: <c>Targets[k, j] = 1</c> iff <c>Labels[j] = k</c>.</summary>
    public Matrix<double> Targets { get; }

    /// <summary>The label of each sample, in column order, each in 0 … <see cref="ClassCount"/> − 1.</summary>
    public int[] Labels { get; }

    /// <summary>Number of samples n (columns).</summary>
    public int Count => Labels.Length;

    /// <summary>Number of features per sample (rows of <see cref="Inputs"/>); 784 for MNIST.</summary>
    public int FeatureCount => Inputs.RowCount;

    /// <summary>Number of classes (rows of <see cref="Targets"/>); 10 for digits.</summary>
    public int ClassCount { get; }

    /// <summary>
    /// Loads an IDX image file and an IDX label file (plain or gzip) as a dataset:
    /// <c>Inputs[p, j] = pixel p of image j ÷ 255</c>, features = rows · columns.
    /// </summary>
    /// <param name="imagesPath">IDX image file (magic 0x00000803).</param>
    /// <param name="labelsPath">IDX label file (magic 0x00000801), one label per image.</param>
    /// <param name="classCount">Number of classes; labels must be below it. 10 for digits.</param>
    /// <returns>The dataset, in file order.</returns>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed (see <see cref="IdxReader"/>), or
    /// the image and label counts differ (both files and both counts are named).</exception>
    public static Dataset FromIdx(string imagesPath, string labelsPath, int classCount = 10)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        byte[] labelBytes = IdxReader.ReadLabels(labelsPath, classCount);
        if (images.Count != labelBytes.Length)
        {
            throw new InvalidDataException(
                $"Expected one label per image. Received: {images.Count} images in '{Path.GetFullPath(imagesPath)}' and {labelBytes.Length} labels in '{Path.GetFullPath(labelsPath)}'.");
        }

        // Image after image, row-major, is exactly the column-major layout of a features × n matrix.
        byte[] pixels = images.Pixels;
        double[] inputs = GC.AllocateUninitializedArray<double>(pixels.Length);
        double[] table = ByteToUnit;
        for (int i = 0; i < pixels.Length; i++)
        {
            inputs[i] = table[pixels[i]];
        }

        int[] labels = new int[labelBytes.Length];
        for (int j = 0; j < labels.Length; j++)
        {
            labels[j] = labelBytes[j];
        }

        return new Dataset(inputs, images.PixelsPerImage, labels, classCount);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    /// <param name="indices">Column indices, each in 0 … <see cref="Count"/> − 1; at least one.</param>
    /// <returns>A new dataset with <c>indices.Count</c> samples; column k is this dataset's column <c>indices[k]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is empty, or an index is out
    /// of range (its position and value are named).</exception>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
        {
            throw new ArgumentException("Expected at least one index. Received: an empty list.", nameof(indices));
        }

        for (int k = 0; k < indices.Count; k++)
        {
            if ((uint)indices[k] >= (uint)Count)
            {
                throw new ArgumentException($"Expected indices in 0..{Count - 1}. Received: indices[{k}]={indices[k]}.", nameof(indices));
            }
        }

        return Gather(indices, 0, indices.Count);
    }

    /// <summary>The same samples in a random order: a Fisher–Yates shuffle driven by
    /// <c>new System.Random(seed)</c>, so equal seeds give equal orders.</summary>
    /// <param name="seed">Seed of the permutation.</param>
    /// <returns>A new dataset.</returns>
    public Dataset Shuffle(int seed) => Gather(Permutation(Count, seed), 0, Count);

    /// <summary>The first <paramref name="count"/> samples, in order.</summary>
    /// <param name="count">1 … <see cref="Count"/>.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public Dataset Take(int count)
    {
        if (count < 1 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected a count in 1..{Count}. Received: count={count}.");
        }

        return Slice(0, count);
    }

    /// <summary>Splits in order: the first <paramref name="firstCount"/> samples, then the rest.</summary>
    /// <param name="firstCount">1 … <see cref="Count"/> − 1, so that both parts are non-empty.</param>
    /// <returns>(samples 0 … firstCount − 1, samples firstCount … Count − 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstCount"/> is out of range.</exception>
    public (Dataset First, Dataset Second) Split(int firstCount)
    {
        if (firstCount < 1 || firstCount >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(firstCount), firstCount, $"Expected firstCount in 1..{Count - 1} so both parts are non-empty. Received: firstCount={firstCount}.");
        }

        return (Slice(0, firstCount), Slice(firstCount, Count - firstCount));
    }

    /// <summary>Shuffles with <paramref name="seed"/> (as <see cref="Shuffle"/>) and splits:
    /// the first part gets <c>round(fraction · Count)</c> samples (midpoints away from zero).</summary>
    /// <param name="fraction">Share of the first part, strictly between 0 and 1.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <returns>(first part, second part), both non-empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1), or
    /// rounds to an empty part.</exception>
    public (Dataset First, Dataset Second) Split(double fraction, int seed)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"Expected a fraction strictly between 0 and 1. Received: fraction={fraction}.");
        }

        int firstCount = (int)Math.Round(fraction * Count, MidpointRounding.AwayFromZero);
        if (firstCount < 1 || firstCount >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"Expected a fraction that leaves both parts non-empty. Received: fraction={fraction} of {Count} samples gives a first part of {firstCount}.");
        }

        int[] order = Permutation(Count, seed);
        return (Gather(order, 0, firstCount), Gather(order, firstCount, Count - firstCount));
    }

    /// <summary>
    /// Mini-batches of <paramref name="batchSize"/> samples that together cover every sample exactly
    /// once: in order, or in the order of a Fisher–Yates shuffle with <c>new System.Random(shuffleSeed)</c>.
    /// </summary>
    /// <param name="batchSize">Samples per batch, at least 1. The last batch holds the
    /// remaining <c>Count mod batchSize</c> samples when that is not 0; a size above
    /// <see cref="Count"/> gives a single batch of all samples.</param>
    /// <param name="shuffleSeed">null for the dataset's order; otherwise the seed of this epoch's
    /// order (pass a different seed per epoch, e.g. <c>seed + epoch</c>).</param>
    /// <returns>A lazy sequence; each enumeration is one epoch.</returns>
    /// <remarks>
    /// <para><b>The batches are reused buffers.</b> All full batches of one enumeration are the
    /// same <see cref="Batch"/> object whose matrices are overwritten when the next batch is
    /// produced; the smaller last batch has its own buffers. Use a batch before moving on, or
    /// copy it (<c>batch.Inputs.Clone()</c>). Each step copies only that batch's columns, so an
    /// epoch allocates the buffers and an index array, never a copy of the whole set.</para>
    /// <para>Shapes: <c>Inputs</c> features × b, <c>Targets</c> classes × b, with b = batch.Count.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1
    /// (thrown at the call, not on enumeration).</exception>
    public IEnumerable<Batch> Batches(int batchSize, int? shuffleSeed = null)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Expected a batch size of at least 1. Received: batchSize={batchSize}.");
        }

        return EnumerateBatches(batchSize, shuffleSeed);
    }

    /// <summary>How many samples each class has: element k is the number of labels equal to k.</summary>
    /// <returns>An array of <see cref="ClassCount"/> counts summing to <see cref="Count"/>.</returns>
    public int[] CountPerClass()
    {
        int[] counts = new int[ClassCount];
        foreach (int label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>Describes the shape, e.g. <c>Dataset[8000 samples, 784 features, 10 classes]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"Dataset[{Count} samples, {FeatureCount} features, {ClassCount} classes]";

    private IEnumerable<Batch> EnumerateBatches(int batchSize, int? shuffleSeed)
    {
        if (Count == 0)
        {
            yield break;
        }

        int[] order = shuffleSeed is int seed ? Permutation(Count, seed) : Identity(Count);
        int size = Math.Min(batchSize, Count);
        int fullBatches = Count / size;
        int rest = Count - (fullBatches * size);

        if (fullBatches > 0)
        {
            var batch = new Batch(FeatureCount, ClassCount, size);
            for (int b = 0; b < fullBatches; b++)
            {
                batch.Fill(_inputs, _targets, Labels, order, b * size);
                yield return batch;
            }
        }

        if (rest > 0)
        {
            var last = new Batch(FeatureCount, ClassCount, rest);
            last.Fill(_inputs, _targets, Labels, order, fullBatches * size);
            yield return last;
        }
    }

    private Dataset Slice(int start, int count)
    {
        int features = FeatureCount;
        double[] inputs = GC.AllocateUninitializedArray<double>(features * count);
        Array.Copy(_inputs, start * features, inputs, 0, features * count);
        return new Dataset(inputs, features, Labels.AsSpan(start, count).ToArray(), ClassCount);
    }

    private Dataset Gather(IReadOnlyList<int> indices, int start, int count)
    {
        int features = FeatureCount;
        double[] inputs = GC.AllocateUninitializedArray<double>(features * count);
        int[] labels = new int[count];
        for (int k = 0; k < count; k++)
        {
            int j = indices[start + k];
            Array.Copy(_inputs, j * features, inputs, k * features, features);
            labels[k] = Labels[j];
        }

        return new Dataset(inputs, features, labels, ClassCount);
    }

    private static int[] Identity(int n)
    {
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        return order;
    }

    /// <summary>Fisher–Yates: for i = n−1 … 1, swap element i with element <c>random.Next(i + 1)</c>.</summary>
    private static int[] Permutation(int n, int seed)
    {
        int[] order = Identity(n);
        var random = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static double[] OneHot(int[] labels, int classCount)
    {
        double[] targets = new double[classCount * labels.Length];
        for (int j = 0; j < labels.Length; j++)
        {
            targets[(j * classCount) + labels[j]] = 1.0;
        }

        return targets;
    }

    private static double[] CreateByteToUnit()
    {
        double[] table = new double[256];
        for (int b = 0; b < 256; b++)
        {
            table[b] = b / 255.0;
        }

        return table;
    }
}
