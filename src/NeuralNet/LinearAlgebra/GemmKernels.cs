using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Register-tiled micro-kernels: C[0..mr, 0..nr] ← α·Σₚ A[.., p]·B[p, ..] + β·C over one k-block.
/// </summary>
/// <remarks>
/// A tile of op(A) is read as <c>a[i + p·aStep]</c> (a packed panel has aStep = <see cref="MR"/>, column-major A
/// read in place has aStep = lda). A tile of op(B) is read as <c>b[p·rsb + j·csb]</c>, so packed panels, B as stored
/// and Bᵀ as stored all use the same kernel.
/// Every output element is the same fused chain acc = fma(a_ip, b_pj, acc) for p = 0, 1, …, kc−1 from acc = 0,
/// then c = α·acc (β = 0; old C is not read, so NaN in C is overwritten) or c = fma(α, acc, β·c).
/// The AVX2 and scalar kernels therefore give bit-identical results, whatever the tile an element falls in.
/// </remarks>
internal static unsafe class GemmKernels
{
    /// <summary>Rows of C per micro-tile: two Vector256&lt;double&gt;.</summary>
    public const int MR = 8;

    /// <summary>Columns of C per micro-tile. 2×6 accumulators + 2 A vectors + 1 broadcast = 15 of 16 ymm registers.</summary>
    public const int NR = 6;

    /// <summary>True when the Vector256 + FMA kernel can run on this machine.</summary>
    public static readonly bool Avx2FmaSupported = Avx2.IsSupported && Fma.IsSupported;

    /// <summary>One micro-tile: mr ∈ [1, MR] rows, nr ∈ [1, NR] columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(bool vector, int mr, int nr, int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta)
    {
        if (!vector)
        {
            Scalar(mr, nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta);
            return;
        }

        if (mr == MR)
        {
            DispatchCols<Rows8>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, MR);
        }
        else if (mr > 4)
        {
            DispatchCols<Rows8Masked>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr);
        }
        else if (mr == 4)
        {
            DispatchCols<Rows4>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr);
        }
        else
        {
            DispatchCols<Rows4Masked>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DispatchCols<TRows>(int nr, int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta, int mr)
        where TRows : struct, IRows
    {
        switch (nr)
        {
            case 6: Avx2Kernel<TRows, Cols6>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr); break;
            case 5: Avx2Kernel<TRows, Cols5>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr); break;
            case 4: Avx2Kernel<TRows, Cols4>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr); break;
            case 3: Avx2Kernel<TRows, Cols3>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr); break;
            case 2: Avx2Kernel<TRows, Cols2>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr); break;
            default: Avx2Kernel<TRows, Cols1>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta, mr); break;
        }
    }

    /// <summary>
    /// AVX2 + FMA micro-kernel, specialised by the JIT for each row shape and column count so that unused
    /// accumulators and loads disappear. Masked loads/stores keep edge tiles inside the caller's memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx2Kernel<TRows, TCols>(int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta, int mr)
        where TRows : struct, IRows
        where TCols : struct, ICols
    {
        // mask selects the valid lanes of the last (partial) A vector; unused for full tiles.
        Vector256<double> mask = TRows.Masked ? LaneMask(TRows.Two ? mr - 4 : mr) : default;
        Vector256<double> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        Vector256<double> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        nint o1 = csb, o2 = 2 * csb, o3 = 3 * csb, o4 = 4 * csb, o5 = 5 * csb;

        for (int p = 0; p < kc; p++)
        {
            Vector256<double> a0, a1 = default;
            if (TRows.Two)
            {
                a0 = Avx.LoadVector256(a);
                a1 = TRows.Masked ? Avx.MaskLoad(a + 4, mask) : Avx.LoadVector256(a + 4);
            }
            else
            {
                a0 = TRows.Masked ? Avx.MaskLoad(a, mask) : Avx.LoadVector256(a);
            }

            Vector256<double> bv = Avx.BroadcastScalarToVector256(b);
            c00 = Fma.MultiplyAdd(a0, bv, c00);
            if (TRows.Two) c10 = Fma.MultiplyAdd(a1, bv, c10);
            if (TCols.N > 1)
            {
                bv = Avx.BroadcastScalarToVector256(b + o1);
                c01 = Fma.MultiplyAdd(a0, bv, c01);
                if (TRows.Two) c11 = Fma.MultiplyAdd(a1, bv, c11);
            }
            if (TCols.N > 2)
            {
                bv = Avx.BroadcastScalarToVector256(b + o2);
                c02 = Fma.MultiplyAdd(a0, bv, c02);
                if (TRows.Two) c12 = Fma.MultiplyAdd(a1, bv, c12);
            }
            if (TCols.N > 3)
            {
                bv = Avx.BroadcastScalarToVector256(b + o3);
                c03 = Fma.MultiplyAdd(a0, bv, c03);
                if (TRows.Two) c13 = Fma.MultiplyAdd(a1, bv, c13);
            }
            if (TCols.N > 4)
            {
                bv = Avx.BroadcastScalarToVector256(b + o4);
                c04 = Fma.MultiplyAdd(a0, bv, c04);
                if (TRows.Two) c14 = Fma.MultiplyAdd(a1, bv, c14);
            }
            if (TCols.N > 5)
            {
                bv = Avx.BroadcastScalarToVector256(b + o5);
                c05 = Fma.MultiplyAdd(a0, bv, c05);
                if (TRows.Two) c15 = Fma.MultiplyAdd(a1, bv, c15);
            }

            a += aStep;
            b += rsb;
        }

        Vector256<double> va = Vector256.Create(alpha), vb = Vector256.Create(beta);
        bool overwrite = beta == 0.0;
        StoreColumn<TRows>(c, c00, c10, va, vb, overwrite, mask);
        if (TCols.N > 1) StoreColumn<TRows>(c + ldc, c01, c11, va, vb, overwrite, mask);
        if (TCols.N > 2) StoreColumn<TRows>(c + 2 * ldc, c02, c12, va, vb, overwrite, mask);
        if (TCols.N > 3) StoreColumn<TRows>(c + 3 * ldc, c03, c13, va, vb, overwrite, mask);
        if (TCols.N > 4) StoreColumn<TRows>(c + 4 * ldc, c04, c14, va, vb, overwrite, mask);
        if (TCols.N > 5) StoreColumn<TRows>(c + 5 * ldc, c05, c15, va, vb, overwrite, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumn<TRows>(double* c, Vector256<double> acc0, Vector256<double> acc1,
        Vector256<double> alpha, Vector256<double> beta, bool overwrite, Vector256<double> mask)
        where TRows : struct, IRows
    {
        if (TRows.Two)
        {
            Vector256<double> lo = overwrite ? Avx.Multiply(alpha, acc0)
                : Fma.MultiplyAdd(alpha, acc0, Avx.Multiply(beta, Avx.LoadVector256(c)));
            Avx.Store(c, lo);
            if (TRows.Masked)
            {
                Vector256<double> hi = overwrite ? Avx.Multiply(alpha, acc1)
                    : Fma.MultiplyAdd(alpha, acc1, Avx.Multiply(beta, Avx.MaskLoad(c + 4, mask)));
                Avx.MaskStore(c + 4, mask, hi);
            }
            else
            {
                Vector256<double> hi = overwrite ? Avx.Multiply(alpha, acc1)
                    : Fma.MultiplyAdd(alpha, acc1, Avx.Multiply(beta, Avx.LoadVector256(c + 4)));
                Avx.Store(c + 4, hi);
            }
        }
        else if (TRows.Masked)
        {
            Vector256<double> lo = overwrite ? Avx.Multiply(alpha, acc0)
                : Fma.MultiplyAdd(alpha, acc0, Avx.Multiply(beta, Avx.MaskLoad(c, mask)));
            Avx.MaskStore(c, mask, lo);
        }
        else
        {
            Vector256<double> lo = overwrite ? Avx.Multiply(alpha, acc0)
                : Fma.MultiplyAdd(alpha, acc0, Avx.Multiply(beta, Avx.LoadVector256(c)));
            Avx.Store(c, lo);
        }
    }

    /// <summary>All-ones lanes 0..valid−1 (valid ∈ 1..3), zero lanes after: the sign bit drives vmaskmovpd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LaneMask(int valid) =>
        Vector256.GreaterThan(Vector256.Create((long)valid), Vector256.Create(0L, 1L, 2L, 3L)).AsDouble();

    /// <summary>
    /// Portable kernel with the same arithmetic as <see cref="Avx2Kernel{TRows,TCols}"/>: one fused multiply-add
    /// chain per element in increasing p, then the same α/β update.
    /// </summary>
    private static void Scalar(int mr, int nr, int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta)
    {
        for (int j = 0; j < nr; j++)
        {
            double* bj = b + j * csb;
            double* cj = c + j * ldc;
            for (int i = 0; i < mr; i++)
            {
                double acc = 0.0;
                double* ap = a + i;
                double* bp = bj;
                for (int p = 0; p < kc; p++)
                {
                    acc = Math.FusedMultiplyAdd(*ap, *bp, acc);
                    ap += aStep;
                    bp += rsb;
                }

                cj[i] = beta == 0.0 ? alpha * acc : Math.FusedMultiplyAdd(alpha, acc, beta * cj[i]);
            }
        }
    }

    // Compile-time shapes: the JIT specialises generic methods over structs and folds these constants.
    internal interface IRows { static abstract bool Two { get; } static abstract bool Masked { get; } }
    internal interface ICols { static abstract int N { get; } }
    private struct Rows8 : IRows { public static bool Two => true; public static bool Masked => false; }
    private struct Rows8Masked : IRows { public static bool Two => true; public static bool Masked => true; }
    private struct Rows4 : IRows { public static bool Two => false; public static bool Masked => false; }
    private struct Rows4Masked : IRows { public static bool Two => false; public static bool Masked => true; }
    private struct Cols1 : ICols { public static int N => 1; }
    private struct Cols2 : ICols { public static int N => 2; }
    private struct Cols3 : ICols { public static int N => 3; }
    private struct Cols4 : ICols { public static int N => 4; }
    private struct Cols5 : ICols { public static int N => 5; }
    private struct Cols6 : ICols { public static int N => 6; }
}
