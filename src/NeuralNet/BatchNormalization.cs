using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>
/// Batch normalisation of one layer's weighted inputs U = W·X (Ioffe &amp; Szegedy 2015): Z = γ ⊙ X̂ + β with
/// X̂ = (U − μ)/√(σ² + ε), per unit (row) over the m samples (columns) of a mini-batch. <see cref="Layer"/> owns one
/// when created with <c>batchNorm: true</c>; the equations are in <see cref="Layer.BatchNorm"/>.
/// </summary>
internal sealed class BatchNormalization
{
    private readonly double[] _mean, _variance, _inverseStd, _scale;   // μ, σ², 1/√(σ² + ε), γ/√(σ² + ε): one per unit
    private bool _training;

    public BatchNormalization(int units)
    {
        Gamma = Vector<double>.Build.Dense(units, 1.0);
        Beta = Vector<double>.Build.Dense(units);
        GammaGradient = Vector<double>.Build.Dense(units);
        BetaGradient = Vector<double>.Build.Dense(units);
        RunningMean = Vector<double>.Build.Dense(units);
        RunningVariance = Vector<double>.Build.Dense(units, 1.0);
        (_mean, _variance, _inverseStd, _scale) = (new double[units], new double[units], new double[units], new double[units]);
    }

    public Vector<double> Gamma { get; }
    public Vector<double> Beta { get; }
    public Vector<double> GammaGradient { get; }
    public Vector<double> BetaGradient { get; }
    public Vector<double> RunningMean { get; }
    public Vector<double> RunningVariance { get; }

    /// <summary>γ = 1, β = 0, running mean 0, running variance 1.</summary>
    public void Reset()
    {
        Gamma.AsArray().AsSpan().Fill(1.0);
        Beta.Clear();
        RunningMean.Clear();
        RunningVariance.AsArray().AsSpan().Fill(1.0);
    }

    /// <summary>
    /// Z = γ ⊙ X̂ + β with X̂ = (U − μ)/√(σ² + ε): μ, σ² from the batch when training (updating the running statistics
    /// unless <paramref name="frozen"/>), else the running ones. <paramref name="uToXHat"/> holds U on entry and X̂ on
    /// exit, cached with 1/√(σ² + ε) for <see cref="Backward"/>.
    /// </summary>
    public void Forward(Matrix<double> uToXHat, Matrix<double> z, bool training, bool frozen)
    {
        _training = training;
        int rows = uToXHat.RowCount, m = uToXHat.ColumnCount;
        Span<double> mean = _mean, variance = _variance, inverseStd = _inverseStd;
        var xHat = uToXHat.AsColumnMajorArray().AsSpan();
        if (training)
        {
            mean.Clear();
            for (int c = 0; c < m; c++) TensorPrimitives.Add(mean, xHat.Slice(c * rows, rows), mean);
            TensorPrimitives.Divide(mean, m, mean);                                  // μ = Σᵢ Uᵢ / m
            variance.Clear();
            for (int c = 0; c < m; c++)
            {
                var column = xHat.Slice(c * rows, rows);
                TensorPrimitives.Subtract(column, mean, column);                     // U − μ
                TensorPrimitives.MultiplyAdd(column, column, variance, variance);    // Σᵢ (Uᵢ − μ)²
            }
            TensorPrimitives.Divide(variance, m, variance);                          // σ² (biased)
            if (!frozen)
            {
                Span<double> runningMean = RunningMean.AsArray(), runningVariance = RunningVariance.AsArray();
                TensorPrimitives.Multiply(runningMean, 1 - Layer.BatchNormMomentum, runningMean);
                TensorPrimitives.MultiplyAdd(mean, Layer.BatchNormMomentum, runningMean, runningMean);                   // + 0.1·μ
                TensorPrimitives.Multiply(runningVariance, 1 - Layer.BatchNormMomentum, runningVariance);
                TensorPrimitives.MultiplyAdd(variance, Layer.BatchNormMomentum * m / (m - 1.0), runningVariance, runningVariance); // + 0.1·σ²·m/(m − 1)
            }
        }
        else
        {
            RunningMean.AsArray().CopyTo(mean);
            RunningVariance.AsArray().CopyTo(variance);
            for (int c = 0; c < m; c++)
            {
                var column = xHat.Slice(c * rows, rows);
                TensorPrimitives.Subtract(column, mean, column);                     // U − running_mean
            }
        }
        TensorPrimitives.Add(variance, Layer.BatchNormEpsilon, inverseStd);
        TensorPrimitives.ReciprocalSqrt(inverseStd, inverseStd);                     // 1/√(σ² + ε)
        var (gamma, beta) = (Gamma.AsArray(), Beta.AsArray());
        var zs = z.AsColumnMajorArray().AsSpan();
        for (int c = 0; c < m; c++)
        {
            var column = xHat.Slice(c * rows, rows);
            TensorPrimitives.Multiply(column, inverseStd, column);                                   // X̂ = (U − μ)/√(σ² + ε)
            TensorPrimitives.MultiplyAdd(column, gamma, beta, zs.Slice(c * rows, rows));            // Z = γ ⊙ X̂ + β
        }
    }

    /// <summary>From dZ (per sample) to dβ, dγ (averaged over the batch) and dU (per sample), using the last forward pass's X̂.</summary>
    public void Backward(Matrix<double> dZ, Matrix<double> xHat, Matrix<double> dU)
    {
        int rows = dZ.RowCount, m = dZ.ColumnCount;
        var dZs = dZ.AsColumnMajorArray().AsSpan();
        var xHats = xHat.AsColumnMajorArray().AsSpan();
        var dUs = dU.AsColumnMajorArray().AsSpan();
        Span<double> dGamma = GammaGradient.AsArray(), dBeta = BetaGradient.AsArray(), scale = _scale;
        // forward: Z = γ ⊙ X̂ + β
        dBeta.Clear();
        dGamma.Clear();
        for (int c = 0; c < m; c++)
        {
            var dz = dZs.Slice(c * rows, rows);
            TensorPrimitives.Add(dBeta, dz, dBeta);                                       // Σᵢ dZᵢ
            TensorPrimitives.MultiplyAdd(dz, xHats.Slice(c * rows, rows), dGamma, dGamma); // Σᵢ (dZ ⊙ X̂)ᵢ
        }
        TensorPrimitives.Divide(dBeta, m, dBeta);                                         // dβ = Σᵢ dZᵢ / m
        TensorPrimitives.Divide(dGamma, m, dGamma);                                       // dγ = Σᵢ (dZ ⊙ X̂)ᵢ / m
        // forward: X̂ = (U − μ)/√(σ² + ε), with μ and σ² functions of every Uᵢ of the batch (training) or constants (inference)
        TensorPrimitives.Multiply(Gamma.AsArray(), _inverseStd, scale);                   // γ/√(σ² + ε)
        for (int c = 0; c < m; c++)
        {
            Span<double> dz = dZs.Slice(c * rows, rows), du = dUs.Slice(c * rows, rows);
            if (_training)
            {
                TensorPrimitives.Multiply(xHats.Slice(c * rows, rows), dGamma, du);       // X̂ ⊙ dγ
                TensorPrimitives.Subtract(dz, du, du);                                    // dZ − X̂ ⊙ dγ
                TensorPrimitives.Subtract(du, dBeta, du);                                 //      − dβ
                TensorPrimitives.Multiply(du, scale, du);                                 // dU = γ/√(σ² + ε) ⊙ (dZ − dβ − X̂ ⊙ dγ)
            }
            else
                TensorPrimitives.Multiply(dz, scale, du);                                 // dU = γ/√(σ² + ε) ⊙ dZ
        }
    }
}
