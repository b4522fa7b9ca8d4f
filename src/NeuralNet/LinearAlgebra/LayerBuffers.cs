using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>A dense <see cref="Layer"/>'s work matrices for one batch size m (n_out × m unless noted); see <see cref="BatchSizeCache{T}"/>.</summary>
internal sealed class LayerBuffers(int inputs, int outputs, int m)
{
    public readonly int M = m;
    public readonly Matrix<double> Z = Matrix<double>.Build.Dense(outputs, m);     // Z = W·X + b (W·X with batch norm)
    public readonly Matrix<double> A = Matrix<double>.Build.Dense(outputs, m);     // A = f(Z)
    public readonly Matrix<double> DA = Matrix<double>.Build.Dense(outputs, m);    // ∇ₐC, written by the loss for an output layer
    public readonly Matrix<double> DZ = Matrix<double>.Build.Dense(outputs, m);    // dZ = δ
    public readonly Matrix<double> DX = Matrix<double>.Build.Dense(inputs, m);     // dX = Wᵀ·dZ, n_in × m
}

/// <summary>Batch normalisation's work matrices for one batch size m (n_out × m).</summary>
internal sealed class BatchNormBuffers(int units, int m)
{
    public readonly Matrix<double> XHat = Matrix<double>.Build.Dense(units, m);    // X̂ = (U − μ)/√(σ² + ε)
    public readonly Matrix<double> Z = Matrix<double>.Build.Dense(units, m);       // Z = γ ⊙ X̂ + β
    public readonly Matrix<double> DU = Matrix<double>.Build.Dense(units, m);      // dU = ∂C/∂U per sample
}

/// <summary>Dropout's work matrices for one batch size m (n_out × m).</summary>
internal sealed class DropoutBuffers(int units, int m)
{
    public readonly Matrix<double> Mask = Matrix<double>.Build.Dense(units, m);    // M
    public readonly Matrix<double> Dropped = Matrix<double>.Build.Dense(units, m); // A ⊙ M
    public readonly Matrix<double> MaskedDA = Matrix<double>.Build.Dense(units, m);// dA ⊙ M
    public bool MaskDrawn;                                                         // a mask was drawn for this size (the gradient checker reuses it)
}
