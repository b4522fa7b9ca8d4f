using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.LinearAlgebra;

/// <summary>Which micro-kernel computes a product's tiles.</summary>
internal enum GemmKernel
{
    /// <summary>One double at a time: every platform, and the fallback where the JIT has no SIMD.</summary>
    Scalar,

    /// <summary>Vector128&lt;double&gt;, 2 lanes: SSE2/AVX on x64, NEON (AdvSimd) on ARM64.</summary>
    Vector128,

    /// <summary>Vector256&lt;double&gt;, 4 lanes: AVX2 on x64.</summary>
    Vector256,
}

/// <summary>
/// Register-tiled micro-kernels: C[0..mr, 0..nr] ← α·Σₚ A[.., p]·B[p, ..] + β·C over one k-block.
/// </summary>
/// <remarks>
/// <para>
/// A tile of op(A) is read as <c>a[i + p·aStep]</c> (a packed panel has aStep = <see cref="MR"/>, column-major A
/// read in place has aStep = lda). A tile of op(B) is read as <c>b[p·rsb + j·csb]</c>, so packed panels, B as stored
/// and Bᵀ as stored all use the same kernel.
/// </para>
/// <para>
/// The vector kernels are written once, with .NET's portable <see cref="Vector256{T}"/> and <see cref="Vector128{T}"/>
/// (<see cref="ILanes{TVec}"/> names the handful of operations they need), so the JIT compiles them to AVX2 or SSE on
/// x64 and to NEON on ARM64. <see cref="Best"/> is the widest one the JIT accelerates on this machine.
/// </para>
/// <para>
/// Every output element is the same chain acc = a_ip·b_pj + acc for p = 0, 1, …, kc−1 from acc = 0, then c = α·acc
/// (β = 0; old C is not read, so NaN in C is overwritten) or c = α·acc + β·c. Each a·b + acc is one fused multiply-add
/// (a single rounding) where the hardware has one (<see cref="Fused"/>: x64 with FMA, every ARM64), and a rounded
/// product then a rounded sum where it has not (x64 without FMA, or with AVX2 turned off, which turns FMA off too):
/// emulated there, one fused multiply-add costs a library call per lane (4× a multiply and an add in a probe loop).
/// Every kernel follows the same rule, so on any one machine the scalar and vector kernels give bit-identical results,
/// whatever the tile an element falls in, and machines with FMA (AVX2 x64 and ARM64) give the same bits as each other.
/// </para>
/// </remarks>
internal static unsafe class GemmKernels
{
    /// <summary>Rows of C per micro-tile: two Vector256&lt;double&gt;, or two 4-row halves of two Vector128&lt;double&gt;.</summary>
    public const int MR = 8;

    /// <summary>Columns of C per micro-tile. 2×6 accumulators + 2 A vectors + 1 broadcast = 15 of x64's 16 vector registers.</summary>
    public const int NR = 6;

    /// <summary>The widest kernel the JIT accelerates on this machine: what <see cref="Gemm.Multiply"/> uses.</summary>
    public static readonly GemmKernel Best =
        Vector256.IsHardwareAccelerated ? GemmKernel.Vector256
        : Vector128.IsHardwareAccelerated ? GemmKernel.Vector128
        : GemmKernel.Scalar;

    /// <summary>True when the Vector256 kernel runs on AVX2 with FMA (kept for the provider's description).</summary>
    public static readonly bool Avx2FmaSupported = Avx2.IsSupported && Fma.IsSupported;

    /// <summary>True where a·b + c is computed with one rounding (hardware FMA); a JIT-time constant.</summary>
    public static bool Fused
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    /// <summary>One micro-tile: mr ∈ [1, MR] rows, nr ∈ [1, NR] columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(GemmKernel kernel, int mr, int nr, int kc, double* a, nint aStep, double* b, nint rsb,
        nint csb, double* c, nint ldc, double alpha, double beta)
    {
        if (kernel == GemmKernel.Vector256)
        {
            Rows<Lanes256, Vector256<double>>(mr, nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta);
        }
        else if (kernel == GemmKernel.Vector128)
        {
            // 4 rows × 6 columns of 2-lane accumulators fill x64's 16 registers, so an 8-row tile is two 4-row halves
            // that share the B panel (ARM64's 32 registers could hold all 8 rows; one kernel serves both).
            int top = Math.Min(mr, 4);
            Rows<Lanes128, Vector128<double>>(top, nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta);
            if (mr > 4)
            {
                Rows<Lanes128, Vector128<double>>(mr - 4, nr, kc, a + 4, aStep, b, rsb, csb, c + 4, ldc, alpha, beta);
            }
        }
        else
        {
            Scalar(mr, nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta);
        }
    }

    /// <summary>Picks the kernel specialised for mr rows: mr ≤ 2·<c>TLanes.Count</c> (two vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TLanes, TVec>(int mr, int nr, int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta)
        where TLanes : struct, ILanes<TVec>
        where TVec : struct
    {
        System.Diagnostics.Debug.Assert(mr <= 2 * TLanes.Count, "a tile's rows fit in two vectors");
        switch (mr)
        {
            case 8: Cols<TLanes, TVec, Rows8>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 7: Cols<TLanes, TVec, Rows7>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 6: Cols<TLanes, TVec, Rows6>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 5: Cols<TLanes, TVec, Rows5>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 4: Cols<TLanes, TVec, Rows4>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 3: Cols<TLanes, TVec, Rows3>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 2: Cols<TLanes, TVec, Rows2>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            default: Cols<TLanes, TVec, Rows1>(nr, kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Cols<TLanes, TVec, TRows>(int nr, int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta)
        where TLanes : struct, ILanes<TVec>
        where TVec : struct
        where TRows : struct, IRows
    {
        switch (nr)
        {
            case 6: Kernel<TLanes, TVec, TRows, Cols6>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 5: Kernel<TLanes, TVec, TRows, Cols5>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 4: Kernel<TLanes, TVec, TRows, Cols4>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 3: Kernel<TLanes, TVec, TRows, Cols3>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            case 2: Kernel<TLanes, TVec, TRows, Cols2>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
            default: Kernel<TLanes, TVec, TRows, Cols1>(kc, a, aStep, b, rsb, csb, c, ldc, alpha, beta); break;
        }
    }

    /// <summary>
    /// The vector micro-kernel, specialised by the JIT for each vector width, row count and column count, so that
    /// unused accumulators and loads disappear. Rows 0..W−1 sit in the first vector (W = <c>TLanes.Count</c>),
    /// rows W..2W−1 in the second; a last vector with fewer rows is loaded and stored lane by lane, so edge tiles
    /// stay inside the caller's memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TLanes, TVec, TRows, TCols>(int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta)
        where TLanes : struct, ILanes<TVec>
        where TVec : struct
        where TRows : struct, IRows
        where TCols : struct, ICols
    {
        // Two<…>() and Last<…>() are JIT-time constants, so unused accumulators, loads and branches disappear.
        TVec c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default;
        TVec c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
        nint o1 = csb, o2 = 2 * csb, o3 = 3 * csb, o4 = 4 * csb, o5 = 5 * csb;

        for (int p = 0; p < kc; p++)
        {
            TVec a0, a1 = default;
            if (Two<TLanes, TVec, TRows>())
            {
                a0 = TLanes.Load(a);
                a1 = Last<TLanes, TVec, TRows>() == TLanes.Count ? TLanes.Load(a + TLanes.Count)
                    : TLanes.LoadFirst(a + TLanes.Count, Last<TLanes, TVec, TRows>());
            }
            else
            {
                a0 = TLanes.LoadFirst(a, Last<TLanes, TVec, TRows>());
            }

            TVec bv = TLanes.Broadcast(b);
            c00 = TLanes.MultiplyAdd(a0, bv, c00);
            if (Two<TLanes, TVec, TRows>()) c10 = TLanes.MultiplyAdd(a1, bv, c10);
            if (TCols.N > 1)
            {
                bv = TLanes.Broadcast(b + o1);
                c01 = TLanes.MultiplyAdd(a0, bv, c01);
                if (Two<TLanes, TVec, TRows>()) c11 = TLanes.MultiplyAdd(a1, bv, c11);
            }
            if (TCols.N > 2)
            {
                bv = TLanes.Broadcast(b + o2);
                c02 = TLanes.MultiplyAdd(a0, bv, c02);
                if (Two<TLanes, TVec, TRows>()) c12 = TLanes.MultiplyAdd(a1, bv, c12);
            }
            if (TCols.N > 3)
            {
                bv = TLanes.Broadcast(b + o3);
                c03 = TLanes.MultiplyAdd(a0, bv, c03);
                if (Two<TLanes, TVec, TRows>()) c13 = TLanes.MultiplyAdd(a1, bv, c13);
            }
            if (TCols.N > 4)
            {
                bv = TLanes.Broadcast(b + o4);
                c04 = TLanes.MultiplyAdd(a0, bv, c04);
                if (Two<TLanes, TVec, TRows>()) c14 = TLanes.MultiplyAdd(a1, bv, c14);
            }
            if (TCols.N > 5)
            {
                bv = TLanes.Broadcast(b + o5);
                c05 = TLanes.MultiplyAdd(a0, bv, c05);
                if (Two<TLanes, TVec, TRows>()) c15 = TLanes.MultiplyAdd(a1, bv, c15);
            }

            a += aStep;
            b += rsb;
        }

        TVec va = TLanes.Create(alpha), vb = TLanes.Create(beta);
        bool overwrite = beta == 0.0;
        StoreColumn<TLanes, TVec, TRows>(c, c00, c10, va, vb, overwrite);
        if (TCols.N > 1) StoreColumn<TLanes, TVec, TRows>(c + ldc, c01, c11, va, vb, overwrite);
        if (TCols.N > 2) StoreColumn<TLanes, TVec, TRows>(c + 2 * ldc, c02, c12, va, vb, overwrite);
        if (TCols.N > 3) StoreColumn<TLanes, TVec, TRows>(c + 3 * ldc, c03, c13, va, vb, overwrite);
        if (TCols.N > 4) StoreColumn<TLanes, TVec, TRows>(c + 4 * ldc, c04, c14, va, vb, overwrite);
        if (TCols.N > 5) StoreColumn<TLanes, TVec, TRows>(c + 5 * ldc, c05, c15, va, vb, overwrite);
    }

    /// <summary>One column of the tile: c = α·acc (β = 0, old c not read) or c = α·acc + β·c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumn<TLanes, TVec, TRows>(double* c, TVec acc0, TVec acc1, TVec alpha, TVec beta,
        bool overwrite)
        where TLanes : struct, ILanes<TVec>
        where TVec : struct
        where TRows : struct, IRows
    {
        if (Two<TLanes, TVec, TRows>())
        {
            TLanes.StoreFirst(c, Update<TLanes, TVec>(acc0, alpha, beta, overwrite, c, TLanes.Count), TLanes.Count);
            TLanes.StoreFirst(c + TLanes.Count, Update<TLanes, TVec>(acc1, alpha, beta, overwrite, c + TLanes.Count,
                Last<TLanes, TVec, TRows>()), Last<TLanes, TVec, TRows>());
        }
        else
        {
            TLanes.StoreFirst(c, Update<TLanes, TVec>(acc0, alpha, beta, overwrite, c, Last<TLanes, TVec, TRows>()),
                Last<TLanes, TVec, TRows>());
        }
    }

    /// <summary>Whether the tile's rows need a second vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Two<TLanes, TVec, TRows>()
        where TLanes : struct, ILanes<TVec>
        where TVec : struct
        where TRows : struct, IRows => TRows.N > TLanes.Count;

    /// <summary>How many lanes of the tile's last vector are rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Last<TLanes, TVec, TRows>()
        where TLanes : struct, ILanes<TVec>
        where TVec : struct
        where TRows : struct, IRows => TRows.N > TLanes.Count ? TRows.N - TLanes.Count : TRows.N;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Update<TLanes, TVec>(TVec acc, TVec alpha, TVec beta, bool overwrite, double* c, int valid)
        where TLanes : struct, ILanes<TVec>
        where TVec : struct =>
        overwrite ? TLanes.Multiply(alpha, acc)
            : TLanes.MultiplyAdd(alpha, acc, TLanes.Multiply(beta, TLanes.LoadFirst(c, valid)));

    /// <summary>
    /// Scalar kernel with the same arithmetic as <see cref="Kernel{TLanes,TVec,TRows,TCols}"/>: one chain
    /// acc = a·b + acc per element in increasing p (fused where <see cref="Fused"/>), then the same α/β update.
    /// A column's mr chains advance together, one p at a time, so that they overlap instead of each waiting for
    /// its own previous step. It runs where the JIT has no SIMD at all (DOTNET_EnableHWIntrinsic=0): 0.6–2.7 GFLOP/s
    /// on one Zen core, against 0.05–1.0 for the element-after-element kernel that called the C library's fma.
    /// </summary>
    private static void Scalar(int mr, int nr, int kc, double* a, nint aStep, double* b, nint rsb, nint csb,
        double* c, nint ldc, double alpha, double beta)
    {
        double* acc = stackalloc double[MR];
        for (int j = 0; j < nr; j++)
        {
            double* bp = b + j * csb;
            double* ap = a;
            new Span<double>(acc, mr).Clear();
            for (int p = 0; p < kc; p++)
            {
                double bpj = *bp;
                for (int i = 0; i < mr; i++)
                {
                    acc[i] = MultiplyAdd(ap[i], bpj, acc[i]);
                }

                ap += aStep;
                bp += rsb;
            }

            double* cj = c + j * ldc;
            for (int i = 0; i < mr; i++)
            {
                cj[i] = beta == 0.0 ? alpha * acc[i] : MultiplyAdd(alpha, acc[i], beta * cj[i]);
            }
        }
    }

    /// <summary>x·y + addend: fused (one rounding) where <see cref="Fused"/>, else a rounded product then a rounded sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MultiplyAdd(double x, double y, double addend) =>
        Fused ? Math.FusedMultiplyAdd(x, y, addend) : x * y + addend;

    /// <summary>The operations the vector kernel needs from a vector width.</summary>
    internal interface ILanes<TVec>
        where TVec : struct
    {
        /// <summary>Doubles per vector.</summary>
        static abstract int Count { get; }

        /// <summary>Count values from p.</summary>
        static abstract TVec Load(double* p);

        /// <summary>p[0..valid−1] into the first lanes, zeros after; reads nothing past p[valid−1].</summary>
        static abstract TVec LoadFirst(double* p, int valid);

        /// <summary>The first <paramref name="valid"/> lanes to p[0..valid−1]; writes nothing past them.</summary>
        static abstract void StoreFirst(double* p, TVec v, int valid);

        /// <summary>*p in every lane.</summary>
        static abstract TVec Broadcast(double* p);

        /// <summary>x in every lane.</summary>
        static abstract TVec Create(double x);

        /// <summary>Lane-wise x·y.</summary>
        static abstract TVec Multiply(TVec x, TVec y);

        /// <summary>
        /// Lane-wise x·y + addend, rounded as <see cref="Fused"/> says. The implementations call
        /// <c>MultiplyAddEstimate</c>, which the JIT compiles to exactly that rule (vfmadd231pd or fmla where there is
        /// FMA, a multiply then an add where there is not) as one instruction pattern; choosing between
        /// <c>FusedMultiplyAdd</c> and <c>x * y + addend</c> here with <c>Fused ? … : …</c> instead left a
        /// register copy after half the kernel's FMAs (12 more instructions per step of p, 0.5–2 % slower at the network's shapes).
        /// </summary>
        static abstract TVec MultiplyAdd(TVec x, TVec y, TVec addend);
    }

    private readonly struct Lanes256 : ILanes<Vector256<double>>
    {
        public static int Count => Vector256<double>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Load(double* p) => Vector256.Load(p);

        // valid is a JIT-time constant at every call: plain if statements on it (not a C# switch, which copies it to a
        // local first) are folded while the call is inlined, leaving only the one load or store.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> LoadFirst(double* p, int valid)
        {
            if (valid == 1) return Vector256.CreateScalar(*p);
            if (valid == 2) return Vector128.Load(p).ToVector256();
            if (valid == 3) return Vector256.Create(Vector128.Load(p), Vector128.CreateScalar(p[2]));
            return Vector256.Load(p);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreFirst(double* p, Vector256<double> v, int valid)
        {
            if (valid == 1)
            {
                *p = v.ToScalar();
            }
            else if (valid == 2)
            {
                v.GetLower().Store(p);
            }
            else if (valid == 3)
            {
                v.GetLower().Store(p);
                p[2] = v.GetElement(2);
            }
            else
            {
                v.Store(p);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Broadcast(double* p) => Vector256.Create(*p);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Create(double x) => Vector256.Create(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Multiply(Vector256<double> x, Vector256<double> y) => x * y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> MultiplyAdd(Vector256<double> x, Vector256<double> y, Vector256<double> addend) =>
            Vector256.MultiplyAddEstimate(x, y, addend);
    }

    private readonly struct Lanes128 : ILanes<Vector128<double>>
    {
        public static int Count => Vector128<double>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Load(double* p) => Vector128.Load(p);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> LoadFirst(double* p, int valid) =>
            valid == 1 ? Vector128.CreateScalar(*p) : Vector128.Load(p);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreFirst(double* p, Vector128<double> v, int valid)
        {
            if (valid == 1) *p = v.ToScalar();
            else v.Store(p);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Broadcast(double* p) => Vector128.Create(*p);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Create(double x) => Vector128.Create(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Multiply(Vector128<double> x, Vector128<double> y) => x * y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> MultiplyAdd(Vector128<double> x, Vector128<double> y, Vector128<double> addend) =>
            Vector128.MultiplyAddEstimate(x, y, addend);
    }

    // Compile-time shapes: the JIT specialises generic methods over structs and folds these constants.
    internal interface IRows { static abstract int N { get; } }
    internal interface ICols { static abstract int N { get; } }
    private struct Rows1 : IRows { public static int N => 1; }
    private struct Rows2 : IRows { public static int N => 2; }
    private struct Rows3 : IRows { public static int N => 3; }
    private struct Rows4 : IRows { public static int N => 4; }
    private struct Rows5 : IRows { public static int N => 5; }
    private struct Rows6 : IRows { public static int N => 6; }
    private struct Rows7 : IRows { public static int N => 7; }
    private struct Rows8 : IRows { public static int N => 8; }
    private struct Cols1 : ICols { public static int N => 1; }
    private struct Cols2 : ICols { public static int N => 2; }
    private struct Cols3 : ICols { public static int N => 3; }
    private struct Cols4 : ICols { public static int N => 4; }
    private struct Cols5 : ICols { public static int N => 5; }
    private struct Cols6 : ICols { public static int N => 6; }
}
