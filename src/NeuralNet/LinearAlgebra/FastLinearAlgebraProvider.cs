using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// A MathNet linear-algebra provider whose dense double products, C ← α·op(A)·op(B) + β·C, run on
/// <see cref="Gemm.Multiply"/>; every other operation (and every float and complex one) is delegated unchanged to
/// MathNet's managed provider.
/// </summary>
/// <remarks>
/// <para>
/// With this provider installed (<see cref="FastLinearAlgebra.Use"/>), MathNet's dense double matrix products reach
/// the kernel: <c>A.Multiply(B, C)</c> (C = A·B), <c>A.TransposeAndMultiply(B, C)</c> (C = A·Bᵀ),
/// <c>A.TransposeThisAndMultiply(B, C)</c> (C = Aᵀ·B), the allocating forms and operator *, and dense
/// matrix–vector products, all of which MathNet's <c>DenseMatrix</c> sends to
/// <see cref="MatrixMultiplyWithUpdate(Transpose, Transpose, double, double[], int, int, double[], int, int, double, double[])"/>.
/// </para>
/// <para>
/// MathNet's <c>ManagedLinearAlgebraProvider</c> is sealed, so this type implements the interface and forwards;
/// the forwarding members below were generated from the interface by reflection.
/// </para>
/// </remarks>
public sealed class FastLinearAlgebraProvider : ILinearAlgebraProvider
{
    private readonly ManagedLinearAlgebraProvider _managed = ManagedLinearAlgebraProvider.Instance;

    /// <summary>The shared instance; the provider holds no per-call state.</summary>
    public static FastLinearAlgebraProvider Instance { get; } = new();

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C on column-major arrays (MathNet's <c>DenseMatrix.Values</c> layout), where A is stored
    /// rowsA×columnsA and B rowsB×columnsB, and op transposes when asked (conjugate transpose = transpose for real values).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The inner dimensions of op(A) and op(B) differ.</exception>
    /// <exception cref="ArgumentException">An array is shorter than its stated shape.</exception>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, double alpha, double[] a,
        int rowsA, int columnsA, double[] b, int rowsB, int columnsB, double beta, double[] c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (ReferenceEquals(c, a) || ReferenceEquals(c, b))
        {
            // The kernel requires C not to overlap A or B; MathNet's own matrices never ask for this.
            _managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
            return;
        }

        MatrixOp opA = transposeA == Transpose.DontTranspose ? MatrixOp.None : MatrixOp.Transpose;
        MatrixOp opB = transposeB == Transpose.DontTranspose ? MatrixOp.None : MatrixOp.Transpose;
        int m = opA == MatrixOp.None ? rowsA : columnsA;
        int k = opA == MatrixOp.None ? columnsA : rowsA;
        int kB = opB == MatrixOp.None ? rowsB : columnsB;
        int n = opB == MatrixOp.None ? columnsB : rowsB;
        if (k != kB)
        {
            throw new ArgumentOutOfRangeException(nameof(b),
                $"Expected op(A) ({m}×{k}) and op(B) to share the inner dimension {k}. Received: op(B) is {kB}×{n}.");
        }

        Gemm.Multiply(opA, opB, m, n, k, alpha, a, Math.Max(1, rowsA), b, Math.Max(1, rowsB), beta, c, Math.Max(1, m));
    }

    /// <summary>result ← x·y on column-major arrays: x is rowsX×columnsX, y is rowsY×columnsY.</summary>
    /// <exception cref="ArgumentOutOfRangeException">columnsX ≠ rowsY.</exception>
    public void MatrixMultiply(double[] x, int rowsX, int columnsX, double[] y, int rowsY, int columnsY, double[] result) =>
        MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, x, rowsX, columnsX, y, rowsY,
            columnsY, 0.0, result);

    /// <inheritdoc/>
    public bool IsAvailable() => true;

    /// <inheritdoc/>
    public void InitializeVerify() => _managed.InitializeVerify();

    /// <inheritdoc/>
    public void FreeResources() => _managed.FreeResources();

    /// <summary>Names the kernel in use, as MathNet's providers do.</summary>
    public override string ToString() =>
        $"NeuralNet GEMM ({(GemmKernels.Avx2FmaSupported ? "AVX2+FMA" : "scalar")}) over {_managed}";

    // ---- ILinearAlgebraProvider<double>: forwarded to the managed provider ----

    /// <inheritdoc/>
    public void AddVectorToScaledVector(double[] y, double alpha, double[] x, double[] result) =>
        _managed.AddVectorToScaledVector(y, alpha, x, result);

    /// <inheritdoc/>
    public void ScaleArray(double alpha, double[] x, double[] result) =>
        _managed.ScaleArray(alpha, x, result);

    /// <inheritdoc/>
    public void ConjugateArray(double[] x, double[] result) =>
        _managed.ConjugateArray(x, result);

    /// <inheritdoc/>
    public double DotProduct(double[] x, double[] y) =>
        _managed.DotProduct(x, y);

    /// <inheritdoc/>
    public void AddArrays(double[] x, double[] y, double[] result) =>
        _managed.AddArrays(x, y, result);

    /// <inheritdoc/>
    public void SubtractArrays(double[] x, double[] y, double[] result) =>
        _managed.SubtractArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseMultiplyArrays(double[] x, double[] y, double[] result) =>
        _managed.PointWiseMultiplyArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseDivideArrays(double[] x, double[] y, double[] result) =>
        _managed.PointWiseDivideArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWisePowerArrays(double[] x, double[] y, double[] result) =>
        _managed.PointWisePowerArrays(x, y, result);

    /// <inheritdoc/>
    public double MatrixNorm(Norm norm, int rows, int columns, double[] matrix) =>
        _managed.MatrixNorm(norm, rows, columns, matrix);

    /// <inheritdoc/>
    public void LUFactor(double[] data, int order, int[] ipiv) =>
        _managed.LUFactor(data, order, ipiv);

    /// <inheritdoc/>
    public void LUInverse(double[] a, int order) =>
        _managed.LUInverse(a, order);

    /// <inheritdoc/>
    public void LUInverseFactored(double[] a, int order, int[] ipiv) =>
        _managed.LUInverseFactored(a, order, ipiv);

    /// <inheritdoc/>
    public void LUSolve(int columnsOfB, double[] a, int order, double[] b) =>
        _managed.LUSolve(columnsOfB, a, order, b);

    /// <inheritdoc/>
    public void LUSolveFactored(int columnsOfB, double[] a, int order, int[] ipiv, double[] b) =>
        _managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <inheritdoc/>
    public void CholeskyFactor(double[] a, int order) =>
        _managed.CholeskyFactor(a, order);

    /// <inheritdoc/>
    public void CholeskySolve(double[] a, int orderA, double[] b, int columnsB) =>
        _managed.CholeskySolve(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void CholeskySolveFactored(double[] a, int orderA, double[] b, int columnsB) =>
        _managed.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void QRFactor(double[] a, int rowsA, int columnsA, double[] q, double[] tau) =>
        _managed.QRFactor(a, rowsA, columnsA, q, tau);

    /// <inheritdoc/>
    public void ThinQRFactor(double[] a, int rowsA, int columnsA, double[] r, double[] tau) =>
        _managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <inheritdoc/>
    public void QRSolve(double[] a, int rows, int columns, double[] b, int columnsB, double[] x, QRMethod method) =>
        _managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <inheritdoc/>
    public void QRSolveFactored(double[] q, double[] r, int rowsA, int columnsA, double[] tau, double[] b, int columnsB, double[] x, QRMethod method) =>
        _managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <inheritdoc/>
    public void SingularValueDecomposition(bool computeVectors, double[] a, int rowsA, int columnsA, double[] s, double[] u, double[] vt) =>
        _managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <inheritdoc/>
    public void SvdSolve(double[] a, int rowsA, int columnsA, double[] b, int columnsB, double[] x) =>
        _managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <inheritdoc/>
    public void SvdSolveFactored(int rowsA, int columnsA, double[] s, double[] u, double[] vt, double[] b, int columnsB, double[] x) =>
        _managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <inheritdoc/>
    public void EigenDecomp(bool isSymmetric, int order, double[] matrix, double[] matrixEv, Complex[] vectorEv, double[] matrixD) =>
        _managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);

    // ---- ILinearAlgebraProvider<float>: forwarded to the managed provider ----

    /// <inheritdoc/>
    public void AddVectorToScaledVector(float[] y, float alpha, float[] x, float[] result) =>
        _managed.AddVectorToScaledVector(y, alpha, x, result);

    /// <inheritdoc/>
    public void ScaleArray(float alpha, float[] x, float[] result) =>
        _managed.ScaleArray(alpha, x, result);

    /// <inheritdoc/>
    public void ConjugateArray(float[] x, float[] result) =>
        _managed.ConjugateArray(x, result);

    /// <inheritdoc/>
    public float DotProduct(float[] x, float[] y) =>
        _managed.DotProduct(x, y);

    /// <inheritdoc/>
    public void AddArrays(float[] x, float[] y, float[] result) =>
        _managed.AddArrays(x, y, result);

    /// <inheritdoc/>
    public void SubtractArrays(float[] x, float[] y, float[] result) =>
        _managed.SubtractArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseMultiplyArrays(float[] x, float[] y, float[] result) =>
        _managed.PointWiseMultiplyArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseDivideArrays(float[] x, float[] y, float[] result) =>
        _managed.PointWiseDivideArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWisePowerArrays(float[] x, float[] y, float[] result) =>
        _managed.PointWisePowerArrays(x, y, result);

    /// <inheritdoc/>
    public double MatrixNorm(Norm norm, int rows, int columns, float[] matrix) =>
        _managed.MatrixNorm(norm, rows, columns, matrix);

    /// <inheritdoc/>
    public void MatrixMultiply(float[] x, int rowsX, int columnsX, float[] y, int rowsY, int columnsY, float[] result) =>
        _managed.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    /// <inheritdoc/>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, float alpha, float[] a, int rowsA, int columnsA, float[] b, int rowsB, int columnsB, float beta, float[] c) =>
        _managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    /// <inheritdoc/>
    public void LUFactor(float[] data, int order, int[] ipiv) =>
        _managed.LUFactor(data, order, ipiv);

    /// <inheritdoc/>
    public void LUInverse(float[] a, int order) =>
        _managed.LUInverse(a, order);

    /// <inheritdoc/>
    public void LUInverseFactored(float[] a, int order, int[] ipiv) =>
        _managed.LUInverseFactored(a, order, ipiv);

    /// <inheritdoc/>
    public void LUSolve(int columnsOfB, float[] a, int order, float[] b) =>
        _managed.LUSolve(columnsOfB, a, order, b);

    /// <inheritdoc/>
    public void LUSolveFactored(int columnsOfB, float[] a, int order, int[] ipiv, float[] b) =>
        _managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <inheritdoc/>
    public void CholeskyFactor(float[] a, int order) =>
        _managed.CholeskyFactor(a, order);

    /// <inheritdoc/>
    public void CholeskySolve(float[] a, int orderA, float[] b, int columnsB) =>
        _managed.CholeskySolve(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void CholeskySolveFactored(float[] a, int orderA, float[] b, int columnsB) =>
        _managed.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void QRFactor(float[] a, int rowsA, int columnsA, float[] q, float[] tau) =>
        _managed.QRFactor(a, rowsA, columnsA, q, tau);

    /// <inheritdoc/>
    public void ThinQRFactor(float[] a, int rowsA, int columnsA, float[] r, float[] tau) =>
        _managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <inheritdoc/>
    public void QRSolve(float[] a, int rows, int columns, float[] b, int columnsB, float[] x, QRMethod method) =>
        _managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <inheritdoc/>
    public void QRSolveFactored(float[] q, float[] r, int rowsA, int columnsA, float[] tau, float[] b, int columnsB, float[] x, QRMethod method) =>
        _managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <inheritdoc/>
    public void SingularValueDecomposition(bool computeVectors, float[] a, int rowsA, int columnsA, float[] s, float[] u, float[] vt) =>
        _managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <inheritdoc/>
    public void SvdSolve(float[] a, int rowsA, int columnsA, float[] b, int columnsB, float[] x) =>
        _managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <inheritdoc/>
    public void SvdSolveFactored(int rowsA, int columnsA, float[] s, float[] u, float[] vt, float[] b, int columnsB, float[] x) =>
        _managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <inheritdoc/>
    public void EigenDecomp(bool isSymmetric, int order, float[] matrix, float[] matrixEv, Complex[] vectorEv, float[] matrixD) =>
        _managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);

    // ---- ILinearAlgebraProvider<Complex>: forwarded to the managed provider ----

    /// <inheritdoc/>
    public void AddVectorToScaledVector(Complex[] y, Complex alpha, Complex[] x, Complex[] result) =>
        _managed.AddVectorToScaledVector(y, alpha, x, result);

    /// <inheritdoc/>
    public void ScaleArray(Complex alpha, Complex[] x, Complex[] result) =>
        _managed.ScaleArray(alpha, x, result);

    /// <inheritdoc/>
    public void ConjugateArray(Complex[] x, Complex[] result) =>
        _managed.ConjugateArray(x, result);

    /// <inheritdoc/>
    public Complex DotProduct(Complex[] x, Complex[] y) =>
        _managed.DotProduct(x, y);

    /// <inheritdoc/>
    public void AddArrays(Complex[] x, Complex[] y, Complex[] result) =>
        _managed.AddArrays(x, y, result);

    /// <inheritdoc/>
    public void SubtractArrays(Complex[] x, Complex[] y, Complex[] result) =>
        _managed.SubtractArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseMultiplyArrays(Complex[] x, Complex[] y, Complex[] result) =>
        _managed.PointWiseMultiplyArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseDivideArrays(Complex[] x, Complex[] y, Complex[] result) =>
        _managed.PointWiseDivideArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWisePowerArrays(Complex[] x, Complex[] y, Complex[] result) =>
        _managed.PointWisePowerArrays(x, y, result);

    /// <inheritdoc/>
    public double MatrixNorm(Norm norm, int rows, int columns, Complex[] matrix) =>
        _managed.MatrixNorm(norm, rows, columns, matrix);

    /// <inheritdoc/>
    public void MatrixMultiply(Complex[] x, int rowsX, int columnsX, Complex[] y, int rowsY, int columnsY, Complex[] result) =>
        _managed.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    /// <inheritdoc/>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, Complex alpha, Complex[] a, int rowsA, int columnsA, Complex[] b, int rowsB, int columnsB, Complex beta, Complex[] c) =>
        _managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    /// <inheritdoc/>
    public void LUFactor(Complex[] data, int order, int[] ipiv) =>
        _managed.LUFactor(data, order, ipiv);

    /// <inheritdoc/>
    public void LUInverse(Complex[] a, int order) =>
        _managed.LUInverse(a, order);

    /// <inheritdoc/>
    public void LUInverseFactored(Complex[] a, int order, int[] ipiv) =>
        _managed.LUInverseFactored(a, order, ipiv);

    /// <inheritdoc/>
    public void LUSolve(int columnsOfB, Complex[] a, int order, Complex[] b) =>
        _managed.LUSolve(columnsOfB, a, order, b);

    /// <inheritdoc/>
    public void LUSolveFactored(int columnsOfB, Complex[] a, int order, int[] ipiv, Complex[] b) =>
        _managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <inheritdoc/>
    public void CholeskyFactor(Complex[] a, int order) =>
        _managed.CholeskyFactor(a, order);

    /// <inheritdoc/>
    public void CholeskySolve(Complex[] a, int orderA, Complex[] b, int columnsB) =>
        _managed.CholeskySolve(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void CholeskySolveFactored(Complex[] a, int orderA, Complex[] b, int columnsB) =>
        _managed.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void QRFactor(Complex[] a, int rowsA, int columnsA, Complex[] q, Complex[] tau) =>
        _managed.QRFactor(a, rowsA, columnsA, q, tau);

    /// <inheritdoc/>
    public void ThinQRFactor(Complex[] a, int rowsA, int columnsA, Complex[] r, Complex[] tau) =>
        _managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <inheritdoc/>
    public void QRSolve(Complex[] a, int rows, int columns, Complex[] b, int columnsB, Complex[] x, QRMethod method) =>
        _managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <inheritdoc/>
    public void QRSolveFactored(Complex[] q, Complex[] r, int rowsA, int columnsA, Complex[] tau, Complex[] b, int columnsB, Complex[] x, QRMethod method) =>
        _managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <inheritdoc/>
    public void SingularValueDecomposition(bool computeVectors, Complex[] a, int rowsA, int columnsA, Complex[] s, Complex[] u, Complex[] vt) =>
        _managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <inheritdoc/>
    public void SvdSolve(Complex[] a, int rowsA, int columnsA, Complex[] b, int columnsB, Complex[] x) =>
        _managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <inheritdoc/>
    public void SvdSolveFactored(int rowsA, int columnsA, Complex[] s, Complex[] u, Complex[] vt, Complex[] b, int columnsB, Complex[] x) =>
        _managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <inheritdoc/>
    public void EigenDecomp(bool isSymmetric, int order, Complex[] matrix, Complex[] matrixEv, Complex[] vectorEv, Complex[] matrixD) =>
        _managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);

    // ---- ILinearAlgebraProvider<Complex32>: forwarded to the managed provider ----

    /// <inheritdoc/>
    public void AddVectorToScaledVector(Complex32[] y, Complex32 alpha, Complex32[] x, Complex32[] result) =>
        _managed.AddVectorToScaledVector(y, alpha, x, result);

    /// <inheritdoc/>
    public void ScaleArray(Complex32 alpha, Complex32[] x, Complex32[] result) =>
        _managed.ScaleArray(alpha, x, result);

    /// <inheritdoc/>
    public void ConjugateArray(Complex32[] x, Complex32[] result) =>
        _managed.ConjugateArray(x, result);

    /// <inheritdoc/>
    public Complex32 DotProduct(Complex32[] x, Complex32[] y) =>
        _managed.DotProduct(x, y);

    /// <inheritdoc/>
    public void AddArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        _managed.AddArrays(x, y, result);

    /// <inheritdoc/>
    public void SubtractArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        _managed.SubtractArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseMultiplyArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        _managed.PointWiseMultiplyArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWiseDivideArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        _managed.PointWiseDivideArrays(x, y, result);

    /// <inheritdoc/>
    public void PointWisePowerArrays(Complex32[] x, Complex32[] y, Complex32[] result) =>
        _managed.PointWisePowerArrays(x, y, result);

    /// <inheritdoc/>
    public double MatrixNorm(Norm norm, int rows, int columns, Complex32[] matrix) =>
        _managed.MatrixNorm(norm, rows, columns, matrix);

    /// <inheritdoc/>
    public void MatrixMultiply(Complex32[] x, int rowsX, int columnsX, Complex32[] y, int rowsY, int columnsY, Complex32[] result) =>
        _managed.MatrixMultiply(x, rowsX, columnsX, y, rowsY, columnsY, result);

    /// <inheritdoc/>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, Complex32 alpha, Complex32[] a, int rowsA, int columnsA, Complex32[] b, int rowsB, int columnsB, Complex32 beta, Complex32[] c) =>
        _managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    /// <inheritdoc/>
    public void LUFactor(Complex32[] data, int order, int[] ipiv) =>
        _managed.LUFactor(data, order, ipiv);

    /// <inheritdoc/>
    public void LUInverse(Complex32[] a, int order) =>
        _managed.LUInverse(a, order);

    /// <inheritdoc/>
    public void LUInverseFactored(Complex32[] a, int order, int[] ipiv) =>
        _managed.LUInverseFactored(a, order, ipiv);

    /// <inheritdoc/>
    public void LUSolve(int columnsOfB, Complex32[] a, int order, Complex32[] b) =>
        _managed.LUSolve(columnsOfB, a, order, b);

    /// <inheritdoc/>
    public void LUSolveFactored(int columnsOfB, Complex32[] a, int order, int[] ipiv, Complex32[] b) =>
        _managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);

    /// <inheritdoc/>
    public void CholeskyFactor(Complex32[] a, int order) =>
        _managed.CholeskyFactor(a, order);

    /// <inheritdoc/>
    public void CholeskySolve(Complex32[] a, int orderA, Complex32[] b, int columnsB) =>
        _managed.CholeskySolve(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void CholeskySolveFactored(Complex32[] a, int orderA, Complex32[] b, int columnsB) =>
        _managed.CholeskySolveFactored(a, orderA, b, columnsB);

    /// <inheritdoc/>
    public void QRFactor(Complex32[] a, int rowsA, int columnsA, Complex32[] q, Complex32[] tau) =>
        _managed.QRFactor(a, rowsA, columnsA, q, tau);

    /// <inheritdoc/>
    public void ThinQRFactor(Complex32[] a, int rowsA, int columnsA, Complex32[] r, Complex32[] tau) =>
        _managed.ThinQRFactor(a, rowsA, columnsA, r, tau);

    /// <inheritdoc/>
    public void QRSolve(Complex32[] a, int rows, int columns, Complex32[] b, int columnsB, Complex32[] x, QRMethod method) =>
        _managed.QRSolve(a, rows, columns, b, columnsB, x, method);

    /// <inheritdoc/>
    public void QRSolveFactored(Complex32[] q, Complex32[] r, int rowsA, int columnsA, Complex32[] tau, Complex32[] b, int columnsB, Complex32[] x, QRMethod method) =>
        _managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);

    /// <inheritdoc/>
    public void SingularValueDecomposition(bool computeVectors, Complex32[] a, int rowsA, int columnsA, Complex32[] s, Complex32[] u, Complex32[] vt) =>
        _managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);

    /// <inheritdoc/>
    public void SvdSolve(Complex32[] a, int rowsA, int columnsA, Complex32[] b, int columnsB, Complex32[] x) =>
        _managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);

    /// <inheritdoc/>
    public void SvdSolveFactored(int rowsA, int columnsA, Complex32[] s, Complex32[] u, Complex32[] vt, Complex32[] b, int columnsB, Complex32[] x) =>
        _managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);

    /// <inheritdoc/>
    public void EigenDecomp(bool isSymmetric, int order, Complex32[] matrix, Complex32[] matrixEv, Complex[] vectorEv, Complex32[] matrixD) =>
        _managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);

}
