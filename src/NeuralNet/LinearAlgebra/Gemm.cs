namespace NeuralNet.LinearAlgebra;

/// <summary>
/// General matrix multiply on column-major doubles: C ← α·op(A)·op(B) + β·C, with op(X) ∈ {X, Xᵀ}.
/// </summary>
/// <remarks>
/// <para>
/// Shapes: op(A) is m×k, op(B) is k×n, C is m×n. All matrices are column-major with explicit leading dimensions
/// (the distance between the starts of two adjacent columns), as in BLAS <c>dgemm</c>: element (i, j) of a stored
/// matrix X is <c>x[i + j·ldx]</c>. So A as stored is m×k (op = None) or k×m (op = Transpose), B as stored is k×n or
/// n×k, and a MathNet <c>DenseMatrix</c>'s <c>Values</c> array is such a matrix with ld = RowCount.
/// </para>
/// <para>
/// Algorithm: Goto-style blocking (k in blocks of <see cref="KC"/>, rows of C in blocks of <see cref="MC"/>,
/// columns in blocks of <see cref="NC"/>), a register-tiled 8×6 micro-kernel (Vector256 + FMA where the CPU has
/// AVX2 and FMA, a scalar kernel with the same arithmetic otherwise), operands packed into per-thread buffers only
/// when the product is large enough for packing to pay; small products read A and B in place. Large products are
/// split across cores over disjoint blocks of C. Nothing is allocated per call once a thread has multiplied once.
/// </para>
/// <para>
/// Determinism: each element of C is computed the same way whatever the path, tile or thread count: for each
/// k-block a fused multiply-add chain acc = fma(op(A)[i,p], op(B)[p,j], acc) over increasing p from acc = 0, then
/// c = α·acc (first block with β = 0), c = fma(α, acc, β·c) (first block otherwise) or c = fma(α, acc, c) (later
/// blocks). Results are therefore bit-identical run to run and single- versus multi-threaded.
/// </para>
/// <para>
/// As in BLAS: β = 0 overwrites C without reading it (NaN or ∞ in old C does not propagate); α = 0 or k = 0 gives
/// C ← β·C without reading A or B. C must not overlap A or B.
/// </para>
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>Depth of a k-block: a packed 8×KC A panel plus a KC×6 B panel stay in the 32 KiB L1 cache.</summary>
    internal const int KC = 256;

    /// <summary>Rows of C per block: an MC×KC block of A (240 KiB) stays in the per-core L2 cache.</summary>
    internal const int MC = 120;

    /// <summary>Columns of C per block: a KC×NC block of B (3 MiB) stays in L3.</summary>
    internal const int NC = 1536;

    /// <summary>
    /// Products whose m, n and k all reach this are packed; others read B in place, which measured as fast or faster
    /// at the network's shapes (one side ≤ 100), where packing costs O(kn) against only O(mnk/100) work, and A in
    /// place unless op(A) is transposed or C is wide (<see cref="PackAMinColumns"/>).
    /// </summary>
    internal const int PackMinDimension = 128;

    /// <summary>
    /// Products with m·n·k at least this (0.5 MFLOP, ≈ 15 µs on one core) are split across cores; below it the hand-off
    /// costs more than the second core gains. It splits the hidden 100×32×100 products of the ReLU bs32 workload
    /// (measurements: benchmarks/results/HISTORY.md, "Tuning constants").
    /// </summary>
    internal const long ParallelThreshold = 1L << 18;

    /// <summary>
    /// A is packed whenever C has at least this many columns (4 column tiles), whatever m and k: each packed A block
    /// then serves ≥ 4 column tiles, read as aligned contiguous panels. In place, A's 8-row pieces start wherever the
    /// runtime put the array (.NET aligns a double[] to 8 bytes only), so up to half the vector loads straddle two
    /// cache lines, and how fast a layer trained depended on where its W happened to be allocated (measurements:
    /// benchmarks/results/HISTORY.md, "Packing A where it pays").
    /// </summary>
    internal const int PackAMinColumns = 4 * GemmKernels.NR;

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C, column-major: op(A) is m×k, op(B) is k×n, C is m×n.
    /// </summary>
    /// <param name="transA">op for A: <see cref="MatrixOp.None"/> (A stored m×k) or <see cref="MatrixOp.Transpose"/> (A stored k×m).</param>
    /// <param name="transB">op for B: <see cref="MatrixOp.None"/> (B stored k×n) or <see cref="MatrixOp.Transpose"/> (B stored n×k).</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A) and rows of op(B).</param>
    /// <param name="alpha">Scale α of the product.</param>
    /// <param name="a">A, column-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Leading dimension of A: at least the stored row count (m for None, k for Transpose), and at least 1.</param>
    /// <param name="b">B, column-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Leading dimension of B: at least the stored row count (k for None, n for Transpose), and at least 1.</param>
    /// <param name="beta">Scale β of the old C; 0 overwrites C without reading it.</param>
    /// <param name="c">C, column-major with leading dimension <paramref name="ldc"/>; overwritten with the result.</param>
    /// <param name="ldc">Leading dimension of C: at least max(1, m).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a leading dimension is smaller than its matrix's row count.</exception>
    /// <exception cref="ArgumentException">A span is too short for the shape and leading dimension it is given with.</exception>
    /// <example>
    /// <code>
    /// // Z = W·X for W (30×784) and X (784×10), all column-major:
    /// Gemm.Multiply(MatrixOp.None, MatrixOp.None, 30, 10, 784, 1.0, w, 30, x, 784, 0.0, z, 30);
    /// // dW = δ·Xᵀ for δ (30×10), X (784×10):
    /// Gemm.Multiply(MatrixOp.None, MatrixOp.Transpose, 30, 784, 10, 1.0, delta, 30, x, 784, 0.0, dW, 30);
    /// </code>
    /// </example>
    public static void Multiply(MatrixOp transA, MatrixOp transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        MultiplyTuned(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, GemmTuning.Auto);

    /// <summary>The public entry point with the automatic choices (kernel, packing, thread count) overridable for tests.</summary>
    internal static void MultiplyTuned(MatrixOp transA, MatrixOp transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc,
        GemmTuning tuning)
    {
        ValidateOp(transA, nameof(transA));
        ValidateOp(transB, nameof(transB));
        ValidateSize(m, nameof(m));
        ValidateSize(n, nameof(n));
        ValidateSize(k, nameof(k));
        int aRows = transA == MatrixOp.None ? m : k, aCols = transA == MatrixOp.None ? k : m;
        int bRows = transB == MatrixOp.None ? k : n, bCols = transB == MatrixOp.None ? n : k;
        ValidateOperand(a.Length, aRows, aCols, lda, "A", nameof(a), nameof(lda));
        ValidateOperand(b.Length, bRows, bCols, ldb, "B", nameof(b), nameof(ldb));
        ValidateOperand(c.Length, m, n, ldc, "C", nameof(c), nameof(ldc));

        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (double* pc = c)
        {
            if (k == 0 || alpha == 0.0)
            {
                ScaleC(m, n, beta, pc, ldc);
                return;
            }

            fixed (double* pa = a)
            fixed (double* pb = b)
            {
                long volume = (long)m * n * k;
                bool pack = tuning.Pack ?? (m >= PackMinDimension && n >= PackMinDimension && k >= PackMinDimension);
                var job = new GemmJob
                {
                    TransA = transA,
                    TransB = transB,
                    M = m,
                    N = n,
                    K = k,
                    Alpha = alpha,
                    Beta = beta,
                    A = pa,
                    Lda = lda,
                    B = pb,
                    Ldb = ldb,
                    C = pc,
                    Ldc = ldc,
                    // A transposed is always packed: its rows, which the kernel reads as vectors, are strided;
                    // so is A that several column tiles reuse.
                    PackA = pack || transA == MatrixOp.Transpose || n >= PackAMinColumns,
                    PackB = pack,
                    Vector = tuning.Vector ?? GemmKernels.Avx2FmaSupported,
                    SplitColumns = n >= m,
                };

                int parts = tuning.Parts ?? (volume >= ParallelThreshold ? GemmParallel.MaxParts : 1);
                int tiles = job.SplitColumns ? (n + GemmKernels.NR - 1) / GemmKernels.NR : (m + GemmKernels.MR - 1) / GemmKernels.MR;
                parts = Math.Min(parts, tiles);
                if (parts > 1 && GemmParallel.TryRun(in job, Math.Min(parts, GemmParallel.MaxParts)))
                {
                    return;
                }

                if (parts > 1 && tuning.Parts is not null)
                {
                    // Tests ask for more parts than the machine or the workers allow: run them one after another,
                    // which must give the same C.
                    for (int part = 0; part < parts; part++)
                    {
                        RunPart(in job, part, parts);
                    }

                    return;
                }

                RunPart(in job, 0, 1);
            }
        }
    }

    /// <summary>Computes part <paramref name="part"/> of <paramref name="parts"/>: a disjoint band of C's columns (or rows).</summary>
    internal static void RunPart(in GemmJob job, int part, int parts)
    {
        if (job.SplitColumns)
        {
            (int j0, int j1) = Band(job.N, GemmKernels.NR, part, parts);
            if (j0 < j1)
            {
                Block(in job, 0, job.M, j0, j1);
            }
        }
        else
        {
            (int i0, int i1) = Band(job.M, GemmKernels.MR, part, parts);
            if (i0 < i1)
            {
                Block(in job, i0, i1, 0, job.N);
            }
        }
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of [0, size), cut at multiples of <paramref name="tile"/>.</summary>
    internal static (int Start, int End) Band(int size, int tile, int part, int parts)
    {
        long tiles = (size + tile - 1) / tile;
        int start = (int)(tiles * part / parts) * tile;
        int end = (int)Math.Min(size, tiles * (part + 1) / parts * tile);
        return (start, end);
    }

    /// <summary>C[i0..i1, j0..j1] of the job, by the blocked loop nest jc → pc → (pack B) → ic → (pack A) → jr → ir.</summary>
    /// <remarks>
    /// Compiled fully optimised on first call (as the micro-kernels): under tiered compilation this loop nest,
    /// with the kernel dispatch inlined, otherwise ran as slow tier-0/OSR code for many products (see
    /// benchmarks/results/HISTORY.md, "Tuning constants").
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Block(in GemmJob job, int i0, int i1, int j0, int j1)
    {
        const int MR = GemmKernels.MR, NR = GemmKernels.NR;
        int k = job.K;
        nint lda = job.Lda, ldb = job.Ldb, ldc = job.Ldc;
        double* packedA = job.PackA ? GemmPacking.BufferA(MC * KC) : null;
        double* packedB = job.PackB ? GemmPacking.BufferB(KC * NC) : null;

        for (int jc = j0; jc < j1; jc += NC)
        {
            int nc = Math.Min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                double beta = pc == 0 ? job.Beta : 1.0;
                if (job.PackB)
                {
                    GemmPacking.PackB(job.TransB, job.B, ldb, pc, kc, jc, nc, packedB);
                }

                for (int ic = i0; ic < i1; ic += MC)
                {
                    int mc = Math.Min(MC, i1 - ic);
                    if (job.PackA)
                    {
                        GemmPacking.PackA(job.TransA, job.A, lda, ic, mc, pc, kc, packedA);
                    }

                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        double* b;
                        nint rsb, csb;
                        if (job.PackB)
                        {
                            b = packedB + (nint)jr * kc;
                            rsb = NR;
                            csb = 1;
                        }
                        else if (job.TransB == MatrixOp.None)
                        {
                            b = job.B + pc + (jc + jr) * ldb;
                            rsb = 1;
                            csb = ldb;
                        }
                        else
                        {
                            b = job.B + (jc + jr) + pc * ldb;
                            rsb = ldb;
                            csb = 1;
                        }

                        double* cColumn = job.C + (jc + jr) * ldc;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mr = Math.Min(MR, mc - ir);
                            double* a;
                            nint aStep;
                            if (job.PackA)
                            {
                                a = packedA + (nint)ir * kc;
                                aStep = MR;
                            }
                            else
                            {
                                a = job.A + (ic + ir) + pc * lda;
                                aStep = lda;
                            }

                            GemmKernels.Tile(job.Vector, mr, nr, kc, a, aStep, b, rsb, csb,
                                cColumn + ic + ir, ldc, job.Alpha, beta);
                        }
                    }
                }
            }
        }
    }

    /// <summary>C ← β·C (β = 0 writes zeros without reading C).</summary>
    private static void ScaleC(int m, int n, double beta, double* c, nint ldc)
    {
        if (beta == 1.0)
        {
            return;
        }

        for (int j = 0; j < n; j++)
        {
            var column = new Span<double>(c + j * ldc, m);
            if (beta == 0.0)
            {
                column.Clear();
            }
            else
            {
                for (int i = 0; i < column.Length; i++)
                {
                    column[i] *= beta;
                }
            }
        }
    }

    private static void ValidateOp(MatrixOp op, string name)
    {
        if (op is not (MatrixOp.None or MatrixOp.Transpose))
        {
            throw new ArgumentOutOfRangeException(name, op, $"Expected MatrixOp.None or MatrixOp.Transpose. Received: {name}={op}.");
        }
    }

    private static void ValidateSize(int size, string name)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(name, size, $"Expected a non-negative size. Received: {name}={size}.");
        }
    }

    private static void ValidateOperand(int length, int rows, int cols, int ld, string matrix, string spanName, string ldName)
    {
        if (ld < Math.Max(1, rows))
        {
            throw new ArgumentOutOfRangeException(ldName, ld,
                $"Expected {ldName} ≥ max(1, {rows}), the stored row count of {matrix} ({rows}×{cols}). Received: {ldName}={ld}.");
        }

        long needed = rows == 0 || cols == 0 ? 0 : (long)(cols - 1) * ld + rows;
        if (length < needed)
        {
            throw new ArgumentException(
                $"Expected {matrix} ({rows}×{cols}, {ldName}={ld}) to need {needed} values. Received: {spanName}.Length={length}.",
                spanName);
        }
    }
}

/// <summary>Test hooks: null means "choose automatically".</summary>
/// <param name="Parts">Number of parts C is split into (1 = this thread only).</param>
/// <param name="Pack">Pack both operands (true), read them in place where possible (false).</param>
/// <param name="Vector">Use the AVX2+FMA kernel (true) or the scalar one (false).</param>
internal readonly record struct GemmTuning(int? Parts = null, bool? Pack = null, bool? Vector = null)
{
    public static GemmTuning Auto => default;
}

/// <summary>One product's operands and choices, shared read-only by the parts that compute it.</summary>
internal unsafe struct GemmJob
{
    public MatrixOp TransA, TransB;
    public int M, N, K;
    public double Alpha, Beta;
    public double* A, B, C;
    public nint Lda, Ldb, Ldc;
    public bool PackA, PackB, Vector, SplitColumns;
}
