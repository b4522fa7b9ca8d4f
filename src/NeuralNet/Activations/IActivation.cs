using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>
/// An activation function a = f(z), applied to a layer's weighted input Z (outputs × m, one column per sample).
/// </summary>
/// <remarks>
/// <para>Forward: A = f(Z). Backward: given dA = ∂C/∂A, compute dZ = ∂C/∂Z. For an element-wise f this is
/// dZ = dA ⊙ f′(Z) (the ⊙ σ′(z) factor of BP1 and BP2); for a per-column function such as <see cref="Softmax"/>
/// it is the vector–Jacobian product dZ = J_f(z)ᵀ·dA for each column.</para>
/// <para>Most custom activations are element-wise: derive from <see cref="ElementwiseActivation"/> and write two one-line methods.</para>
/// </remarks>
public interface IActivation
{
    /// <summary>Name used in <c>ToString()</c> and in saved models, e.g. "Sigmoid".</summary>
    string Name { get; }

    /// <summary>A = f(Z). <paramref name="z"/> and <paramref name="a"/> have the same shape; <paramref name="a"/> is overwritten.</summary>
    void Forward(Matrix<double> z, Matrix<double> a);

    /// <summary>dZ = ∂C/∂Z from dA = ∂C/∂A, using the Z and A of the forward pass. All four matrices have the same shape; <paramref name="dZ"/> is overwritten.</summary>
    void Backward(Matrix<double> z, Matrix<double> a, Matrix<double> dA, Matrix<double> dZ);

    /// <summary>
    /// The flat regions where f′ is nearly zero: an output a is saturated when a &lt; Lower or a &gt; Upper
    /// (reported as <c>LayerReport.SaturatedFraction</c>). The default, null, means the activation does not saturate.
    /// </summary>
    (double Lower, double Upper)? SaturationBounds => null;
}
