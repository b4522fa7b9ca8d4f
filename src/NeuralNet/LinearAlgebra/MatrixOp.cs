namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The operation op(X) that <see cref="Gemm.Multiply"/> applies to an operand before multiplying:
/// the matrix as stored, or its transpose.
/// </summary>
public enum MatrixOp
{
    /// <summary>op(X) = X: use the operand as stored.</summary>
    None = 0,

    /// <summary>op(X) = Xᵀ: use the transpose of the operand as stored.</summary>
    Transpose = 1,
}
