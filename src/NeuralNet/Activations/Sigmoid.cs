using Vector = System.Numerics.Vector;
using SimdVector = System.Numerics.Vector<double>;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>
/// The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), with σ′(z) = σ(z)(1 − σ(z)).
/// </summary>
/// <remarks>
/// σ′ is at most 0.25 (at z = 0), so each sigmoid layer shrinks the backpropagated error by at least a factor of 4
/// unless the weights are large: the root of the vanishing-gradient problem (Nielsen, chapter 5).
/// Saturated: a &lt; 0.05 or a &gt; 0.95, where σ′ &lt; 0.0475.
/// </remarks>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "Sigmoid";

    /// <inheritdoc/>
    public override double Apply(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <inheritdoc/>
    public override double Derivative(double z, double a) => a * (1.0 - a);

    /// <summary>Saturated when a &lt; 0.05 or a &gt; 0.95.</summary>
    public override (double Lower, double Upper)? SaturationBounds => (0.05, 0.95);

    /// <inheritdoc/>
    public override void Forward(Matrix<double> z, Matrix<double> a)
    {
        var (zs, As) = (z.AsColumnMajorArray(), a.AsColumnMajorArray());
        if (zs is null || As is null) { base.Forward(z, a); return; }
        TensorPrimitives.Sigmoid(zs, As);
    }

    /// <summary>dZ = dA ⊙ σ′(Z) = dA ⊙ A ⊙ (1 − A), in one vectorised pass (the same arithmetic as <see cref="Derivative"/>, element by element).</summary>
    public override void Backward(Matrix<double> z, Matrix<double> a, Matrix<double> dA, Matrix<double> dZ)
    {
        var (As, dAs, dZs) = (a.AsColumnMajorArray(), dA.AsColumnMajorArray(), dZ.AsColumnMajorArray());
        if (As is null || dAs is null || dZs is null || As.Length != dAs.Length || As.Length != dZs.Length) { base.Backward(z, a, dA, dZ); return; }
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= As.Length - SimdVector.Count; i += SimdVector.Count)
            {
                var av = new SimdVector(As, i);
                (new SimdVector(dAs, i) * (av * (SimdVector.One - av))).CopyTo(dZs, i);   // dA ⊙ (a ⊙ (1 − a))
            }
        for (; i < As.Length; i++)
            dZs[i] = dAs[i] * (As[i] * (1.0 - As[i]));
    }
}
