using NeuralNet.LinearAlgebra;

namespace NeuralNet.Benchmarks;

/// <summary>
/// One product C (m×n) = op(A)·op(B) with inner dimension k, named "m x n x k opA opB" (N = as stored, T = transposed)
/// so that BenchmarkDotNet's table does not truncate it; the comments say where the network computes it.
/// </summary>
public sealed record GemmShape(string Name, MatrixOp OpA, MatrixOp OpB, int M, int N, int K)
{
    /// <summary>Floating-point operations of one product: one multiply and one add per (i, j, p).</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The products of one training step of the three workloads (one column per sample), then squares.</summary>
    public static IEnumerable<GemmShape> All =>
    [
        // 784-30-10 sigmoid, batch 10
        // Z1 = W1·X, dW1 = dZ1·Xᵀ, dA1 = W2ᵀ·dZ2
        new("30x10x784 NN", MatrixOp.None, MatrixOp.None, 30, 10, 784),
        new("30x784x10 NT", MatrixOp.None, MatrixOp.Transpose, 30, 784, 10),
        new("30x10x10 TN", MatrixOp.Transpose, MatrixOp.None, 30, 10, 10),
        // 784-100-10 sigmoid, batch 100
        // Z1 = W1·X, dW1 = dZ1·Xᵀ
        new("100x100x784 NN", MatrixOp.None, MatrixOp.None, 100, 100, 784),
        new("100x784x100 NT", MatrixOp.None, MatrixOp.Transpose, 100, 784, 100),
        // 784-100x3-10 ReLU, batch 32
        // Z1 = W1·X, dW1 = dZ1·Xᵀ, dA = Wᵀ·dZ (hidden 100×100)
        new("100x32x784 NN", MatrixOp.None, MatrixOp.None, 100, 32, 784),
        new("100x784x32 NT", MatrixOp.None, MatrixOp.Transpose, 100, 784, 32),
        new("100x32x100 TN", MatrixOp.Transpose, MatrixOp.None, 100, 32, 100),
        new("256x256x256 NN", MatrixOp.None, MatrixOp.None, 256, 256, 256),
        new("512x512x512 NN", MatrixOp.None, MatrixOp.None, 512, 512, 512),
        new("1024x1024x1024 NN", MatrixOp.None, MatrixOp.None, 1024, 1024, 1024),
    ];

    public override string ToString() => Name;
}
