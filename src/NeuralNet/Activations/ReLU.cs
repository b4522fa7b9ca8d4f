using Vector = System.Numerics.Vector;
using SimdVector = System.Numerics.Vector<double>;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>
/// The rectified linear unit ReLU(z) = max(0, z), with ReLU′(z) = 1 for z &gt; 0 and 0 otherwise.
/// </summary>
/// <remarks>
/// The derivative is 1 wherever the unit is active, so the error passes back unshrunk (Glorot, Bordes &amp; Bengio 2011).
/// A unit whose z is negative for every input gets no gradient at all and stays "dead"; see <see cref="LeakyReLU"/>.
/// At z = 0 the derivative is taken as 0, as in PyTorch.
/// </remarks>
public sealed class ReLU : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "ReLU";

    /// <inheritdoc/>
    public override double Apply(double z) => z > 0 ? z : 0.0;

    /// <inheritdoc/>
    public override double Derivative(double z, double a) => z > 0 ? 1.0 : 0.0;

    /// <summary>A = max(0, Z), in one vectorised pass (z &gt; 0 ? z : 0, as <see cref="Apply"/>: NaN and −0 give 0).</summary>
    public override void Forward(Matrix<double> z, Matrix<double> a)
    {
        var (zs, As) = (z.AsColumnMajorArray(), a.AsColumnMajorArray());
        if (zs is null || As is null || zs.Length != As.Length) { base.Forward(z, a); return; }
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= zs.Length - SimdVector.Count; i += SimdVector.Count)
            {
                var zv = new SimdVector(zs, i);
                Vector.ConditionalSelect(Vector.GreaterThan(zv, SimdVector.Zero), zv, SimdVector.Zero).CopyTo(As, i);
            }
        for (; i < zs.Length; i++)
            As[i] = Apply(zs[i]);
    }

    /// <summary>dZ = dA ⊙ ReLU′(Z), in one vectorised pass: dA·1 where z &gt; 0, dA·0 elsewhere (the same products as <see cref="Derivative"/>).</summary>
    public override void Backward(Matrix<double> z, Matrix<double> a, Matrix<double> dA, Matrix<double> dZ)
    {
        var (zs, dAs, dZs) = (z.AsColumnMajorArray(), dA.AsColumnMajorArray(), dZ.AsColumnMajorArray());
        if (zs is null || dAs is null || dZs is null || zs.Length != dAs.Length || zs.Length != dZs.Length) { base.Backward(z, a, dA, dZ); return; }
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= zs.Length - SimdVector.Count; i += SimdVector.Count)
            {
                var derivative = Vector.ConditionalSelect(Vector.GreaterThan(new SimdVector(zs, i), SimdVector.Zero), SimdVector.One, SimdVector.Zero);
                (new SimdVector(dAs, i) * derivative).CopyTo(dZs, i);
            }
        for (; i < zs.Length; i++)
            dZs[i] = dAs[i] * Derivative(zs[i], 0);
    }
}
