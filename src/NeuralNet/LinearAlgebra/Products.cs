using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The three matrix products of a layer's forward and backward pass, written so that the layer reads like the math:
/// <c>Products.Multiply(W, X, Z)</c> is Z = W·X, <c>Products.MultiplyTransposeB(dZ, X, dW, alpha: 1.0 / m)</c> is dW = dZ·Xᵀ / m,
/// <c>Products.MultiplyTransposeA(W, dZ, dX)</c> is dX = Wᵀ·dZ.
/// </summary>
/// <remarks>
/// <para>Dense matrices go straight to <see cref="Gemm.Multiply"/> on their column-major arrays: no MathNet dispatch, no
/// argument objects, nothing allocated, and a scale α folded into the product instead of a second pass over the result.
/// Any other matrix (not dense) takes MathNet's in-place calls, then is scaled by α: the plain path.</para>
/// <para>Shapes are checked by the callers (a layer owns its buffers); the result must not be one of the operands.</para>
/// </remarks>
internal static class Products
{
    /// <summary>C = α·A·B: A is m×k, B is k×n, C is m×n. Returns C.</summary>
    public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b, Matrix<double> c, double alpha = 1.0)
    {
        if (Fast(a, b, c, out var av, out var bv, out var cv))
        {
            Gemm.Multiply(MatrixOp.None, MatrixOp.None, a.RowCount, b.ColumnCount, a.ColumnCount, alpha,
                av, Ld(a), bv, Ld(b), 0.0, cv, Ld(c));
            return c;
        }
        a.Multiply(b, c);
        Scale(c, alpha);
        return c;
    }

    /// <summary>Z = W·X + b, b added to every column: W is n_out×n_in, X is n_in×m, b has n_out entries. Returns Z.</summary>
    public static Matrix<double> Affine(Matrix<double> w, Matrix<double> x, Vector<double> b, Matrix<double> z)
    {
        Columns.AddToEach(Multiply(w, x, z), b);
        return z;
    }

    /// <summary>C = α·A·Bᵀ: A is m×k, B is n×k, C is m×n.</summary>
    public static void MultiplyTransposeB(Matrix<double> a, Matrix<double> b, Matrix<double> c, double alpha = 1.0)
    {
        if (Fast(a, b, c, out var av, out var bv, out var cv))
        {
            Gemm.Multiply(MatrixOp.None, MatrixOp.Transpose, a.RowCount, b.RowCount, a.ColumnCount, alpha,
                av, Ld(a), bv, Ld(b), 0.0, cv, Ld(c));
            return;
        }
        a.TransposeAndMultiply(b, c);
        Scale(c, alpha);
    }

    /// <summary>C = α·Aᵀ·B: A is k×m, B is k×n, C is m×n.</summary>
    public static void MultiplyTransposeA(Matrix<double> a, Matrix<double> b, Matrix<double> c, double alpha = 1.0)
    {
        if (Fast(a, b, c, out var av, out var bv, out var cv))
        {
            Gemm.Multiply(MatrixOp.Transpose, MatrixOp.None, a.ColumnCount, b.ColumnCount, a.RowCount, alpha,
                av, Ld(a), bv, Ld(b), 0.0, cv, Ld(c));
            return;
        }
        a.TransposeThisAndMultiply(b, c);
        Scale(c, alpha);
    }

    /// <summary>The fast path applies when all three matrices are dense column-major arrays.</summary>
    private static bool Fast(Matrix<double> a, Matrix<double> b, Matrix<double> c, out double[] av, out double[] bv, out double[] cv)
    {
        av = a.AsColumnMajorArray();
        bv = b.AsColumnMajorArray();
        cv = c.AsColumnMajorArray();
        return av is not null && bv is not null && cv is not null;
    }

    private static int Ld(Matrix<double> m) => Math.Max(1, m.RowCount);

    private static void Scale(Matrix<double> c, double alpha)
    {
        if (alpha != 1.0) c.Multiply(alpha, c);
    }
}
