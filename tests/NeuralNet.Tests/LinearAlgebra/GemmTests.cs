using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

public class GemmTests
{
    private const double Tolerance = 1e-12;

    // m, n, k: degenerate, vectors, primes, tile edges (MR = 8, NR = 6), block edges (KC = 256, MC = 120, NC = 1536)
    // and the network's shapes (784-30-10 at batch 10, 784-100-10 at batch 100, 100×100 hidden at batch 32).
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 0, 0, 0 }, { 0, 5, 3 }, { 5, 0, 3 }, { 5, 3, 0 }, { 1, 1, 1 },
        { 1, 17, 9 }, { 17, 1, 9 }, { 1, 1, 300 }, { 9, 13, 1 },
        { 2, 3, 5 }, { 7, 11, 13 }, { 8, 6, 4 }, { 16, 12, 31 }, { 31, 37, 41 },
        { 121, 7, 257 }, { 9, 1543, 5 }, { 123, 13, 263 },
        { 30, 10, 784 }, { 30, 784, 10 }, { 10, 10, 30 }, { 30, 10, 10 }, { 100, 32, 100 },
        // several k-blocks, the last one shorter; C with 24 columns (A packed) and 23 (A read in place)
        { 3, 5, 300 }, { 7, 2, 1031 }, { 100, 32, 784 }, { 13, 24, 50 }, { 13, 23, 50 },
    };

    public static IEnumerable<object[]> ShapesAndOps()
    {
        foreach (object[] shape in Shapes)
        {
            foreach (MatrixOp opA in new[] { MatrixOp.None, MatrixOp.Transpose })
            {
                foreach (MatrixOp opB in new[] { MatrixOp.None, MatrixOp.Transpose })
                {
                    yield return [shape[0], shape[1], shape[2], opA, opB];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShapesAndOps))]
    public void Multiply_MatchesNaiveTripleLoop(int m, int n, int k, MatrixOp opA, MatrixOp opB)
    {
        var p = Problem.Random(m, n, k, opA, opB, seed: m * 1_000_003 + n * 1009 + k + (int)opA * 7 + (int)opB * 3);
        foreach (var (alpha, beta) in new[] { (1.0, 0.0), (-0.5, 1.0), (2.0, -0.75) })
        {
            p.AssertMatchesNaive(alpha, beta, GemmTuning.Auto);
        }
    }

    [Theory]
    [MemberData(nameof(ShapesAndOps))]
    public void Multiply_EveryPathMatchesNaiveTripleLoop(int m, int n, int k, MatrixOp opA, MatrixOp opB)
    {
        var p = Problem.Random(m, n, k, opA, opB, seed: 17 + m + 31 * n + 977 * k);
        foreach (var tuning in Paths)
        {
            p.AssertMatchesNaive(0.75, 0.25, tuning);
        }
    }

    [Theory]
    [MemberData(nameof(ShapesAndOps))]
    public void Multiply_IsBitIdenticalAcrossPathsAndThreadCounts(int m, int n, int k, MatrixOp opA, MatrixOp opB)
    {
        var p = Problem.Random(m, n, k, opA, opB, seed: 5 + m * 13 + n * 101 + k * 7);
        double[] expected = p.Run(1.25, 0.5, new GemmTuning(Parts: 1, Pack: false, Kernel: GemmKernel.Scalar));
        foreach (var tuning in Paths.Append(GemmTuning.Auto))
        {
            p.Run(1.25, 0.5, tuning).ShouldBe(expected, $"tuning {tuning}");
        }
    }

    [Fact]
    public void Multiply_SameCallTwice_IsBitIdentical()
    {
        var p = Problem.Random(257, 263, 269, MatrixOp.None, MatrixOp.Transpose, seed: 1);
        p.Run(1.0, 0.0, GemmTuning.Auto).ShouldBe(p.Run(1.0, 0.0, GemmTuning.Auto));
    }

    [Fact]
    public void Multiply_LargeProduct_MultiThreadedEqualsSingleThreaded()
    {
        var p = Problem.Random(300, 290, 280, MatrixOp.Transpose, MatrixOp.None, seed: 2);
        double[] single = p.Run(1.0, 0.0, new GemmTuning(Parts: 1));
        p.Run(1.0, 0.0, new GemmTuning(Parts: 2)).ShouldBe(single);
        p.Run(1.0, 0.0, GemmTuning.Auto).ShouldBe(single);
        p.AssertMatchesNaive(1.0, 0.0, GemmTuning.Auto);
    }

    [Theory]
    [InlineData(MatrixOp.None, MatrixOp.None)]
    [InlineData(MatrixOp.Transpose, MatrixOp.Transpose)]
    public void Multiply_LeadingDimensionsLargerThanRows_IgnoresThePadding(MatrixOp opA, MatrixOp opB)
    {
        // The padding rows are NaN: any read of them would show up in C.
        var p = Problem.Random(13, 11, 9, opA, opB, seed: 3, padA: 5, padB: 3, padC: 4);
        p.AssertMatchesNaive(1.0, 0.5, GemmTuning.Auto);
        p.AssertMatchesNaive(1.0, 0.5, new GemmTuning(Pack: true));
        p.AssertMatchesNaive(1.0, 0.5, new GemmTuning(Kernel: GemmKernel.Vector128));
        p.AssertMatchesNaive(1.0, 0.5, new GemmTuning(Kernel: GemmKernel.Scalar));
    }

    [Fact]
    public void Multiply_BetaZero_OverwritesNaNInC()
    {
        var p = Problem.Random(9, 7, 5, MatrixOp.None, MatrixOp.None, seed: 4);
        Array.Fill(p.C0, double.NaN);
        double[] c = p.Run(1.0, 0.0, GemmTuning.Auto);
        c.ShouldAllBe(x => double.IsFinite(x));
        p.AssertMatchesNaive(1.0, 0.0, GemmTuning.Auto);
    }

    [Fact]
    public void Multiply_AlphaZero_ScalesCWithoutReadingAOrB()
    {
        var p = Problem.Random(6, 5, 4, MatrixOp.None, MatrixOp.None, seed: 5);
        Array.Fill(p.A, double.NaN);
        double[] c = p.Run(0.0, 2.0, GemmTuning.Auto);
        c.ShouldBe(p.C0.Select(x => 2.0 * x).ToArray());
    }

    [Fact]
    public void Multiply_KZero_WithBetaZero_ZeroesC()
    {
        double[] c = [double.NaN, 1, 2, 3];
        Gemm.Multiply(MatrixOp.None, MatrixOp.None, 2, 2, 0, 1.0, [], 2, [], 1, 0.0, c, 2);
        c.ShouldBe(new double[4]);
    }

    [Fact]
    public void Multiply_SmallProduct_AllocatesNothingOnceWarm()
    {
        var p = Problem.Random(30, 10, 784, MatrixOp.None, MatrixOp.None, seed: 6);
        var large = Problem.Random(200, 200, 200, MatrixOp.Transpose, MatrixOp.Transpose, seed: 7);
        double[] c = new double[p.C0.Length], cLarge = new double[large.C0.Length];
        void Both()
        {
            Gemm.Multiply(MatrixOp.None, MatrixOp.None, 30, 10, 784, 1.0, p.A, p.Lda, p.B, p.Ldb, 0.0, c, p.Ldc);
            Gemm.Multiply(MatrixOp.Transpose, MatrixOp.Transpose, 200, 200, 200, 1.0, large.A, large.Lda, large.B, large.Ldb, 0.0, cLarge, large.Ldc);
        }

        Both();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Both();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void Multiply_RejectsNegativeSize()
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(MatrixOp.None, MatrixOp.None, -1, 1, 1, 1.0, new double[1], 1, new double[1], 1, 0.0, new double[1], 1));
        ex.Message.ShouldContain("Received: m=-1");
    }

    [Fact]
    public void Multiply_RejectsLeadingDimensionSmallerThanRows()
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(MatrixOp.Transpose, MatrixOp.None, 2, 2, 3, 1.0, new double[6], 2, new double[6], 3, 0.0, new double[4], 2));
        ex.ParamName.ShouldBe("lda");
    }

    [Fact]
    public void Multiply_RejectsShortSpan()
    {
        var ex = Should.Throw<ArgumentException>(() =>
            Gemm.Multiply(MatrixOp.None, MatrixOp.None, 2, 2, 3, 1.0, new double[6], 2, new double[6], 3, 0.0, new double[3], 2));
        ex.ParamName.ShouldBe("c");
    }

    /// <summary>Every kernel (each runs on every machine; the unaccelerated ones in software), packed or not, on 1–5 parts.</summary>
    internal static readonly GemmTuning[] Paths =
    [
        new(Parts: 1, Pack: false, Kernel: GemmKernel.Vector256),
        new(Parts: 1, Pack: true, Kernel: GemmKernel.Vector256),
        new(Parts: 1, Pack: false, Kernel: GemmKernel.Vector128),
        new(Parts: 1, Pack: true, Kernel: GemmKernel.Vector128),
        new(Parts: 1, Pack: true, Kernel: GemmKernel.Scalar),
        new(Parts: 2, Pack: false, Kernel: GemmKernel.Vector256),
        new(Parts: 3, Pack: true, Kernel: GemmKernel.Vector256),
        new(Parts: 3, Pack: false, Kernel: GemmKernel.Vector128),
        new(Parts: 5, Pack: false, Kernel: GemmKernel.Scalar),
    ];

    /// <summary>One random product: operands as stored (column-major, with NaN padding rows), and the old C.</summary>
    internal sealed record Problem(int M, int N, int K, MatrixOp OpA, MatrixOp OpB,
        double[] A, int Lda, double[] B, int Ldb, double[] C0, int Ldc)
    {
        public static Problem Random(int m, int n, int k, MatrixOp opA, MatrixOp opB, int seed,
            int padA = 0, int padB = 0, int padC = 0)
        {
            var rng = new Random(seed);
            (int aRows, int aCols) = opA == MatrixOp.None ? (m, k) : (k, m);
            (int bRows, int bCols) = opB == MatrixOp.None ? (k, n) : (n, k);
            int lda = Math.Max(1, aRows + padA), ldb = Math.Max(1, bRows + padB), ldc = Math.Max(1, m + padC);
            return new Problem(m, n, k, opA, opB, Fill(rng, aRows, aCols, lda), lda, Fill(rng, bRows, bCols, ldb), ldb,
                Fill(rng, m, n, ldc), ldc);
        }

        private static double[] Fill(Random rng, int rows, int cols, int ld)
        {
            var x = new double[ld * cols];
            for (int j = 0; j < cols; j++)
            {
                for (int i = 0; i < ld; i++)
                {
                    x[i + j * ld] = i < rows ? rng.NextDouble() * 2 - 1 : double.NaN;
                }
            }

            return x;
        }

        public double[] Run(double alpha, double beta, GemmTuning tuning)
        {
            double[] c = (double[])C0.Clone();
            Gemm.MultiplyTuned(OpA, OpB, M, N, K, alpha, A, Lda, B, Ldb, beta, c, Ldc, tuning);
            return c;
        }

        private readonly Dictionary<(double, double), (double[] Expected, double[] Scale)> _naive = [];

        /// <summary>The triple loop, once per (α, β): expected C and the error scale α·Σ|a·b| + |β·c| per element.</summary>
        private (double[] Expected, double[] Scale) Naive(double alpha, double beta)
        {
            if (_naive.TryGetValue((alpha, beta), out var cached))
            {
                return cached;
            }

            double[] expected = new double[C0.Length], scale = new double[C0.Length];
            for (int j = 0; j < N; j++)
            {
                for (int i = 0; i < M; i++)
                {
                    double sum = 0, magnitude = 0;
                    for (int p = 0; p < K; p++)
                    {
                        double a = OpA == MatrixOp.None ? A[i + p * Lda] : A[p + i * Lda];
                        double b = OpB == MatrixOp.None ? B[p + j * Ldb] : B[j + p * Ldb];
                        sum += a * b;
                        magnitude += Math.Abs(a * b);
                    }

                    double old = C0[i + j * Ldc];
                    expected[i + j * Ldc] = beta == 0 ? alpha * sum : alpha * sum + beta * old;
                    scale[i + j * Ldc] = Math.Abs(alpha) * magnitude + (beta == 0 ? 0 : Math.Abs(beta * old));
                }
            }

            return _naive[(alpha, beta)] = (expected, scale);
        }

        public void AssertMatchesNaive(double alpha, double beta, GemmTuning tuning)
        {
            double[] c = Run(alpha, beta, tuning);
            var (expected, scale) = Naive(alpha, beta);
            for (int j = 0; j < N; j++)
            {
                for (int i = 0; i < M; i++)
                {
                    int at = i + j * Ldc;
                    if (!(Math.Abs(c[at] - expected[at]) <= Tolerance * scale[at] + 1e-300))
                    {
                        c[at].ShouldBe(expected[at], $"C[{i},{j}] of {M}×{N}×{K} {OpA}/{OpB} α={alpha} β={beta} {tuning}");
                    }
                }

                for (int i = M; i < Ldc; i++)
                {
                    c[i + j * Ldc].ShouldBe(C0[i + j * Ldc], "C's padding rows must be left alone");
                }
            }
        }
    }
}
