using System.Numerics.Tensors;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Splitting a product over its depth k instead of over C: for Z₁ = W₁·X (100×784 · 784×m) each core multiplies its
/// own half of W₁'s columns with its own half of X's rows, the same halves it gathered X into and updated W₁ in, so
/// neither operand has to cross from the other core's cache. Only the small m×n partial products cross.
/// </summary>
/// <remarks>
/// <para>C is the chain over k-blocks b = 0, 1, …: C ← α·acc₀ + β·C, then C ← fma(α, acc_b, C) for each later block,
/// where acc_b is block b's fused multiply-add chain from 0 (<see cref="Gemm"/>'s arithmetic). Part 0 runs the chain of
/// its blocks into C itself; every other part stores each of its blocks' acc_b (α = 1, β = 0: exact) in a partial
/// buffer; after the parts join, <see cref="FinishParts"/> continues the chain with those in block order. So C is
/// bit-identical to the one-thread product, whatever the number of parts.</para>
/// <para>Measured with interleaved epochs on the quiet 2-core machine (2026-11-25), against splitting C's columns:
/// 784-100-10 at batch 100 trained 1.10× faster (min 1.02×; Z₁ 472 → 362 µs per step), ReLU 784-100×3-10 at batch
/// 32 1.09× (min 1.06×; Z₁ 301 → 224 µs). Timed alone, repeating one product, the split is no faster: its gain is
/// that each core finds W₁ and X in its own cache during training.</para>
/// </remarks>
public static unsafe partial class Gemm
{
    /// <summary>
    /// A product is split over k when k is at least this many times both m and n: the operands (m·k + k·n values)
    /// are then far larger than the partial products (m·n per k-block) that the split has to move between cores.
    /// 784-100's Z₁ = W₁·X at batch 100 and 32 is (784 ≥ 4·100); its dW₁ = dZ·Xᵀ (k = batch) and 1024³ are not.
    /// </summary>
    internal const int DepthSplitRatio = 4;

    /// <summary>Depth of each k-block: k cut into ⌈k/KC⌉ blocks of equal depth (the last may be shorter).</summary>
    internal static int DepthBlock(int k)
    {
        int blocks = Math.Max(1, (k + KC - 1) / KC);
        return Math.Max(1, (k + blocks - 1) / blocks);
    }

    /// <summary>Whether a product of this shape, if it runs on several cores, splits k (see <see cref="DepthSplitRatio"/>).</summary>
    internal static bool SplitsDepth(int m, int n, int k) => k >= DepthSplitRatio * Math.Max(m, n) && k > KC;

    /// <summary>
    /// The rows of op(B) (columns of op(A)) that part <paramref name="part"/> of <paramref name="parts"/> multiplies
    /// in a depth split of a product with depth <paramref name="k"/>: the batch gather copies these rows on that core.
    /// </summary>
    internal static (int Start, int End) DepthBand(int k, int part, int parts)
    {
        int kb = DepthBlock(k);
        (int b0, int b1) = Band((k + kb - 1) / kb, 1, part, parts);
        return (Math.Min(k, b0 * kb), Math.Min(k, b1 * kb));
    }

    /// <summary>Sets the job up for <paramref name="parts"/> parts: a depth split gets its partial buffers (this thread's, grown once).</summary>
    private static void PrepareParts(ref GemmJob job, bool depth, int parts)
    {
        job.SplitDepth = depth;
        if (depth)
        {
            int blocks = (job.K + job.DepthBlock - 1) / job.DepthBlock;
            int later = blocks - Band(blocks, 1, 0, parts).End;
            job.Partials = GemmPacking.BufferPartials((long)job.M * job.N * later);
        }
    }

    /// <summary>Part <paramref name="part"/> of a depth split: part 0 into C, the others into their partial buffers.</summary>
    private static void RunDepthPart(in GemmJob job, int part, int parts)
    {
        int kb = job.DepthBlock, blocks = (job.K + kb - 1) / kb;
        (int b0, int b1) = Band(blocks, 1, part, parts);
        if (part == 0)
        {
            Block(in job, 0, job.M, 0, job.N, 0, Math.Min(job.K, b1 * kb), job.C, job.Ldc, job.Alpha, job.Beta);
            return;
        }

        int first = Band(blocks, 1, 0, parts).End;
        for (int b = b0; b < b1; b++)
        {
            double* partial = job.Partials + (long)(b - first) * job.M * job.N;
            Block(in job, 0, job.M, 0, job.N, b * kb, Math.Min(job.K, (b + 1) * kb), partial, job.M, 1.0, 0.0);
        }
    }

    /// <summary>After the parts of a depth split: C ← fma(α, acc_b, C) for the later k-blocks b, in order.</summary>
    private static void FinishParts(in GemmJob job, int parts)
    {
        if (!job.SplitDepth)
        {
            return;
        }

        int blocks = (job.K + job.DepthBlock - 1) / job.DepthBlock;
        int later = blocks - Band(blocks, 1, 0, parts).End;
        for (int s = 0; s < later; s++)
        {
            double* partial = job.Partials + (long)s * job.M * job.N;
            for (int j = 0; j < job.N; j++)
            {
                var cj = new Span<double>(job.C + j * job.Ldc, job.M);
                TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<double>(partial + (long)j * job.M, job.M), job.Alpha, cj, cj);
            }
        }
    }
}
