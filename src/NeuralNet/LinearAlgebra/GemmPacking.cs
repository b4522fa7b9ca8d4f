using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Copies blocks of op(A) and op(B) into contiguous micro-panels, the layout the micro-kernels stream through,
/// and owns the per-thread buffers they are copied into (pinned, 32-byte aligned, grown once, never freed).
/// </summary>
/// <remarks>
/// A block (mc×kc of op(A)) becomes ⌈mc/MR⌉ panels; panel r holds rows r·MR … r·MR+MR−1 as [p][i], MR·kc values.
/// B block (kc×nc of op(B)) becomes ⌈nc/NR⌉ panels; panel s holds columns s·NR … as [p][j], NR·kc values.
/// Values past the last row or column of a block are left unspecified: the kernels never read them.
/// </remarks>
internal static unsafe class GemmPacking
{
    private const int MR = GemmKernels.MR;
    private const int NR = GemmKernels.NR;

    [ThreadStatic] private static double[]? t_a;
    [ThreadStatic] private static double[]? t_b;

    /// <summary>This thread's buffer for a packed A block, at least <paramref name="length"/> values.</summary>
    public static double* BufferA(int length) => Aligned(ref t_a, length);

    /// <summary>This thread's buffer for a packed B block, at least <paramref name="length"/> values.</summary>
    public static double* BufferB(int length) => Aligned(ref t_b, length);

    private static double* Aligned(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length + 4)
        {
            // Pinned (POH) so the pointer stays valid without `fixed`; +4 values of slack for 32-byte alignment.
            buffer = GC.AllocateUninitializedArray<double>(length + 4, pinned: true);
        }

        fixed (double* p = buffer)
        {
            return (double*)(((nint)p + 31) & ~(nint)31);
        }
    }

    /// <summary>Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into MR-row panels at <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Gemm.Block
    public static void PackA(MatrixOp op, double* a, nint lda, int i0, int mc, int p0, int kc, double* dst)
    {
        if (op == MatrixOp.None)
        {
            // op(A)[i, p] = a[i + p·lda]: column p of the block is contiguous, so it is read front to back once and
            // its MR-row pieces go to their panels. Reading panel by panel instead strides through the whole block
            // once per panel; with W₁ coming from L3 at the start of each training step that made Z₁ = W₁·X
            // 1.15–1.3× slower (the ReLU workload at batch 32 trained 1.05–1.12× faster with this order, 784-100-10
            // at batch 100 1.03–1.08×: one network alternating both orders, 9 epochs each, on the quiet 2-core machine).
            int full = mc / MR * MR;
            nint panelStride = (nint)MR * kc;
            for (int p = 0; p < kc; p++)
            {
                double* src = a + i0 + (nint)(p0 + p) * lda;
                double* panel = dst + (nint)p * MR;
                int ir = 0;
                for (; ir < full; ir += MR)
                {
                    Copy8(src + ir, panel);
                    panel += panelStride;
                }

                for (int i = 0; ir + i < mc; i++)
                {
                    panel[i] = src[ir + i];
                }
            }

            return;
        }

        for (int ir = 0; ir < mc; ir += MR)
        {
            int mr = Math.Min(MR, mc - ir);
            double* panel = dst + (nint)ir * kc;
            if (mr == MR && Avx.IsSupported)
            {
                // op(A)[i, p] = a[p + i·lda]: each row i of op(A) is contiguous in memory. Full panels are transposed
                // 4 p at a time in registers (two 4×4 transposes for the 8 rows), the rest value by value.
                double* src = a + p0 + (nint)(i0 + ir) * lda;
                int p = 0;
                for (; p + 4 <= kc; p += 4)
                {
                    Transpose4x4(src + p, lda, panel + (nint)p * MR);
                    Transpose4x4(src + p + 4 * lda, lda, panel + (nint)p * MR + 4);
                }

                for (; p < kc; p++)
                {
                    for (int i = 0; i < MR; i++)
                    {
                        panel[(nint)p * MR + i] = src[p + i * lda];
                    }
                }
            }
            else
            {
                // op(A)[i, p] = a[p + i·lda]: each row i of op(A) is contiguous in memory.
                for (int i = 0; i < mr; i++)
                {
                    double* src = a + p0 + (nint)(i0 + ir + i) * lda;
                    double* d = panel + i;
                    for (int p = 0; p < kc; p++)
                    {
                        d[(nint)p * MR] = src[p];
                    }
                }
            }
        }
    }

    /// <summary>dst[0..7] = src[0..7], with the widest vectors the JIT accelerates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy8(double* src, double* dst)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256.Store(Vector256.Load(src), dst);
            Vector256.Store(Vector256.Load(src + 4), dst + 4);
        }
        else
        {
            for (int i = 0; i < MR; i += 2)
            {
                Vector128.Store(Vector128.Load(src + i), dst + i);
            }
        }
    }

    /// <summary>
    /// Rows r0..r3 (at <paramref name="src"/> + r·<paramref name="lda"/>), values p..p+3 of each, written as four
    /// 4-value groups dst[q·MR .. q·MR+3] = (r0[q], r1[q], r2[q], r3[q]) for q = 0..3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(double* src, nint lda, double* dst)
    {
        Vector256<double> v0 = Avx.LoadVector256(src), v1 = Avx.LoadVector256(src + lda);
        Vector256<double> v2 = Avx.LoadVector256(src + 2 * lda), v3 = Avx.LoadVector256(src + 3 * lda);
        Vector256<double> t0 = Avx.UnpackLow(v0, v1), t1 = Avx.UnpackHigh(v0, v1);   // (r0[0], r1[0], r0[2], r1[2]), (r0[1], r1[1], r0[3], r1[3])
        Vector256<double> t2 = Avx.UnpackLow(v2, v3), t3 = Avx.UnpackHigh(v2, v3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + MR, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * MR, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * MR, Avx.Permute2x128(t1, t3, 0x31));
    }

    /// <summary>Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into NR-column panels at <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Gemm.Block
    public static void PackB(MatrixOp op, double* b, nint ldb, int p0, int kc, int j0, int nc, double* dst)
    {
        for (int jr = 0; jr < nc; jr += NR)
        {
            int nr = Math.Min(NR, nc - jr);
            double* panel = dst + (nint)jr * kc;
            if (op == MatrixOp.None)
            {
                // op(B)[p, j] = b[p + j·ldb]: each column j is contiguous along p.
                for (int j = 0; j < nr; j++)
                {
                    double* src = b + p0 + (nint)(j0 + jr + j) * ldb;
                    double* d = panel + j;
                    for (int p = 0; p < kc; p++)
                    {
                        d[(nint)p * NR] = src[p];
                    }
                }
            }
            else
            {
                // op(B)[p, j] = b[j + p·ldb]: each p contributes nr contiguous values.
                double* src = b + (j0 + jr) + (nint)p0 * ldb;
                for (int p = 0; p < kc; p++)
                {
                    for (int j = 0; j < nr; j++)
                    {
                        panel[j] = src[j];
                    }

                    src += ldb;
                    panel += NR;
                }
            }
        }
    }
}
