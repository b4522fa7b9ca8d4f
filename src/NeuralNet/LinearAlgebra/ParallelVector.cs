using System.Numerics.Tensors;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Element-wise passes over large arrays (the optimizer update of W₁, the weight-gradient norm) split into contiguous
/// parts on the <see cref="GemmParallel"/> workers: each core streams its own part instead of the main thread all of it.
/// Allocates nothing per call (one job object per calling thread, so optimizers shared between threads stay safe).
/// </summary>
/// <remarks>
/// <see cref="MultiplyAdd"/> is element-wise, so its result is bit-identical whatever the split.
/// <see cref="Norm"/> always sums the squares of the same two halves (on one core if the workers are busy or the
/// machine has one core), so it depends on the length only, never on timing; it may differ from
/// <see cref="TensorPrimitives.Norm{T}(ReadOnlySpan{T})"/> in the last bits.
/// </remarks>
internal static class ParallelVector
{
    /// <summary>
    /// Arrays of at least this many values are split: 784-100's W₁ (78,400 values) is, 784-30's (23,520) and 100-100
    /// stay on one thread (measurements: benchmarks/results/HISTORY.md, "Tuning constants").
    /// </summary>
    /// <remarks>
    /// Contiguous halves of 784-100's W₁ are, to 2 of 784 columns, the column bands the two cores write in
    /// dW₁ = dZ·Xᵀ (<see cref="Gemm"/> splits its 784 columns), so the update and the norm read dW₁ mostly from
    /// the core's own cache.
    /// </remarks>
    public const int MinLength = 32 * 1024;

    /// <summary>Parts start on 64-byte boundaries of the array (8 doubles), so the cores do not share a cache line.</summary>
    private const int Tile = 8;

    /// <summary>The norm's fixed split.</summary>
    private const int NormParts = 2;

    [ThreadStatic] private static Job? t_job;

    /// <summary>destination ← x·a + y (TensorPrimitives.MultiplyAdd), on all cores if the arrays are large.</summary>
    public static void MultiplyAdd(double[] x, double a, double[] y, double[] destination)
    {
        bool done = false;
        if (x.Length >= MinLength && GemmParallel.MaxParts > 1)
        {
            var job = t_job ??= new Job();
            (job.X, job.A, job.Y, job.Destination) = (x, a, y, destination);
            done = GemmParallel.TryRun(job, GemmParallel.MaxParts);
            (job.X, job.Y, job.Destination) = (null, null, null);
        }
        if (!done) TensorPrimitives.MultiplyAdd(x, a, y, destination);
    }

    /// <summary>‖x‖₂ = √(Σ first half x² + Σ second half x²) for large arrays; TensorPrimitives.Norm for the others.</summary>
    public static double Norm(double[] x)
    {
        if (x.Length < MinLength) return TensorPrimitives.Norm<double>(x);
        var job = t_job ??= new Job();
        job.X = x;
        if (GemmParallel.MaxParts < NormParts || !GemmParallel.TryRun(job, NormParts))
            for (int part = 0; part < NormParts; part++) job.RunPart(part, NormParts);   // the same halves, on this thread
        job.X = null;
        return Math.Sqrt(job.Partial[0] + job.Partial[1]);
    }

    /// <summary>One pass: destination ← x·a + y, or (destination null) the sum of squares of each part of x.</summary>
    private sealed class Job : IParallelWork
    {
        public readonly double[] Partial = new double[NormParts];
        public double[]? X, Y, Destination;
        public double A;

        public void RunPart(int part, int parts)
        {
            var (start, end) = Gemm.Band(X!.Length, Tile, part, parts);
            var x = X.AsSpan(start, end - start);
            if (Destination is null)
                Partial[part] = TensorPrimitives.SumOfSquares<double>(x);
            else
                TensorPrimitives.MultiplyAdd(x, A, Y.AsSpan(start, end - start), Destination.AsSpan(start, end - start));
        }
    }
}
