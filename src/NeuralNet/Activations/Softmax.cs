using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>
/// Softmax over each column: aⱼ = e^(zⱼ) / Σₖ e^(zₖ), so every column of A is a probability distribution.
/// </summary>
/// <remarks>
/// <para>Computed as e^(zⱼ − max z) / Σₖ e^(zₖ − max z), which is equal and cannot overflow.</para>
/// <para>Backward (per column): ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ), so dZ = a ⊙ (dA − (aᵀ·dA)).
/// Paired with <see cref="Losses.CategoricalCrossEntropy"/> the output error simplifies to δ = a − y, which the
/// network uses directly (Nielsen, chapter 3, eq. 84).</para>
/// </remarks>
public sealed class Softmax : IActivation
{
    /// <inheritdoc/>
    public string Name => "Softmax";

    /// <inheritdoc/>
    public void Forward(Matrix<double> z, Matrix<double> a)
    {
        int rows = z.RowCount;
        for (int c = 0; c < z.ColumnCount; c++)
        {
            double max = double.NegativeInfinity;
            for (int r = 0; r < rows; r++) max = Math.Max(max, z[r, c]);
            double sum = 0;
            for (int r = 0; r < rows; r++) { double e = Math.Exp(z[r, c] - max); a[r, c] = e; sum += e; }
            for (int r = 0; r < rows; r++) a[r, c] /= sum;
        }
    }

    /// <inheritdoc/>
    public void Backward(Matrix<double> z, Matrix<double> a, Matrix<double> dA, Matrix<double> dZ)
    {
        int rows = z.RowCount;
        for (int c = 0; c < z.ColumnCount; c++)
        {
            double dot = 0; // aᵀ·dA for this column
            for (int r = 0; r < rows; r++) dot += a[r, c] * dA[r, c];
            for (int r = 0; r < rows; r++) dZ[r, c] = a[r, c] * (dA[r, c] - dot);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
