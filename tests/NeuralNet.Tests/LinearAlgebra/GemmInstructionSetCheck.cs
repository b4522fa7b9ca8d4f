using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using NeuralNet.LinearAlgebra;
using NeuralNet.Tests.Performance;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// The kernel checks that <see cref="GemmInstructionSetTests"/> runs in a child process (<c>dotnet exec
/// NeuralNet.Tests.dll gemm-check</c>) whose JIT has some instruction sets turned off: every kernel against the naive
/// loop, every path bit-identical to the scalar kernel, a short training on the kernel against MathNet's managed
/// provider, and a digest of the products' bits that the parent compares with its own.
/// </summary>
internal static class GemmInstructionSetCheck
{
    /// <summary>The argument that makes the test assembly's entry point run <see cref="Run"/>.</summary>
    public const string Argument = "gemm-check";

    // Tile and block edges (MR = 8, NR = 6, KC = 256), A packed (24 columns) and read in place (23), and the network's shapes.
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (7, 11, 13), (8, 6, 4), (16, 12, 31), (31, 37, 41), (13, 24, 50), (13, 23, 50), (3, 5, 300),
        (121, 7, 257), (30, 10, 784), (100, 32, 100),
    ];

    /// <summary>Runs every check; prints what it checked, the kernel it ran and the digest; returns the exit code.</summary>
    public static int Run(TextWriter output)
    {
        try
        {
            output.WriteLine($"kernel={GemmKernels.Best} fused={GemmKernels.Fused} " +
                             $"vector256={Vector256.IsHardwareAccelerated} vector128={Vector128.IsHardwareAccelerated}");
            int products = 0;
            foreach (var problem in Problems())
            {
                double[] scalar = problem.Run(1.25, 0.5, new GemmTuning(Parts: 1, Pack: false, Kernel: GemmKernel.Scalar));
                foreach (var tuning in GemmTests.Paths.Append(GemmTuning.Auto))
                {
                    problem.AssertMatchesNaive(1.25, 0.5, tuning);
                    problem.Run(1.25, 0.5, tuning).ShouldBe(scalar, $"{problem.M}×{problem.N}×{problem.K} {problem.OpA}/{problem.OpB} {tuning}");
                    products++;
                }
            }
            output.WriteLine($"ok: {products} products match the naive loop and are bit-identical to the scalar kernel");

            foreach (var (relu, batchSize) in new[] { (false, 10), (true, 32) })
            {
                var fast = FastPathEquivalenceTests.Train(relu, batchSize, mathNet: false);
                FastPathEquivalenceTests.ShouldMatch(fast, FastPathEquivalenceTests.Train(relu, batchSize, mathNet: true));
                FastPathEquivalenceTests.ShouldMatch(fast, FastPathEquivalenceTests.Train(relu, batchSize, mathNet: false));
            }
            output.WriteLine("ok: training on the kernel matches MathNet's managed provider");

            output.WriteLine($"gemm-digest={Digest()}");
            return 0;
        }
        catch (Exception e)
        {
            output.WriteLine($"FAIL: {e}");
            return 1;
        }
    }

    /// <summary>SHA-256 of the bits of every problem's C under the automatic choices: equal wherever the rounding rule is.</summary>
    public static string Digest()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var problem in Problems())
        {
            foreach (var (alpha, beta) in new[] { (1.0, 0.0), (1.25, 0.5) })
            {
                foreach (double x in problem.Run(alpha, beta, GemmTuning.Auto))
                {
                    sha.AppendData(BitConverter.GetBytes(x));
                }
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static IEnumerable<GemmTests.Problem> Problems()
    {
        foreach (var (m, n, k) in Shapes)
        {
            foreach (MatrixOp opA in new[] { MatrixOp.None, MatrixOp.Transpose })
            {
                foreach (MatrixOp opB in new[] { MatrixOp.None, MatrixOp.Transpose })
                {
                    yield return GemmTests.Problem.Random(m, n, k, opA, opB, seed: m * 7919 + n * 104729 + k + 2 * (int)opA + (int)opB);
                }
            }
        }
    }
}
