using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>
/// The hyperbolic tangent tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), with tanh′(z) = 1 − tanh²(z).
/// </summary>
/// <remarks>tanh′ is at most 1 (at z = 0). Saturated: |a| &gt; 0.95, where tanh′ &lt; 0.0975.</remarks>
public sealed class Tanh : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "Tanh";

    /// <inheritdoc/>
    public override double Apply(double z) => Math.Tanh(z);

    /// <inheritdoc/>
    public override double Derivative(double z, double a) => 1.0 - a * a;

    /// <summary>Saturated when |a| &gt; 0.95.</summary>
    public override (double Lower, double Upper)? SaturationBounds => (-0.95, 0.95);

    /// <inheritdoc/>
    public override void Forward(Matrix<double> z, Matrix<double> a)
    {
        var (zs, As) = (z.AsColumnMajorArray(), a.AsColumnMajorArray());
        if (zs is null || As is null) { base.Forward(z, a); return; }
        TensorPrimitives.Tanh(zs, As);
    }
}
