using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Gathers a mini-batch: copies the columns order[start .. start + m) of X into a batch buffer, one contiguous copy per
/// sample (column-major storage). Large batches are copied on the GEMM worker threads as well, each core the band of
/// columns it then multiplies in the first layer's Z = W·X (the same split as <see cref="Gemm"/>'s, when it splits
/// columns), so those columns are already in that core's cache. Falls back to one core when the workers are busy.
/// </summary>
/// <remarks>
/// Batches of at least <see cref="ParallelMinValues"/> input values (128 KB) go to both cores; see
/// benchmarks/results/HISTORY.md for the measurements. One instance per trainer (it holds the job's arguments while it runs).
/// </remarks>
internal sealed class ColumnGather : IParallelWork
{
    /// <summary>16 Ki values (128 KB): bs10 of MNIST (7,840 values) stays on one core, bs32 (25,088) uses both.</summary>
    public const int ParallelMinValues = 16 * 1024;

    private double[]? _from, _to;
    private int[]? _order;
    private int _start, _rows, _count;

    /// <summary>destination[:, j] = source[:, order[start + j]] for every column j of destination.</summary>
    public void Copy(Matrix<double> source, Matrix<double> destination, int[] order, int start)
    {
        (_from, _to, _order, _start, _rows, _count) =
            (source.AsColumnMajorArray(), destination.AsColumnMajorArray(), order, start, source.RowCount, destination.ColumnCount);
        bool done = GemmParallel.MaxParts > 1 && (long)_rows * _count >= ParallelMinValues
            && GemmParallel.TryRun(this, GemmParallel.MaxParts);
        (_from, _to, _order) = (null, null, null);
        if (!done) CopyColumns(source, destination, order, start);
    }

    /// <summary>The same copy on the calling thread only.</summary>
    public static void CopyColumns(Matrix<double> source, Matrix<double> destination, int[] order, int start)
    {
        var from = source.AsColumnMajorArray().AsSpan();
        var to = destination.AsColumnMajorArray().AsSpan();
        int rows = source.RowCount;
        for (int j = 0; j < destination.ColumnCount; j++)
            from.Slice(order[start + j] * rows, rows).CopyTo(to.Slice(j * rows, rows));
    }

    /// <inheritdoc/>
    public void RunPart(int part, int parts)
    {
        (int j0, int j1) = Gemm.Band(_count, GemmKernels.NR, part, parts);
        var from = _from.AsSpan();
        var to = _to.AsSpan();
        for (int j = j0; j < j1; j++)
            from.Slice(_order![_start + j] * _rows, _rows).CopyTo(to.Slice(j * _rows, _rows));
    }
}
