using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>
/// Base for activations applied to each element independently: a = f(z), with derivative f′(z).
/// Implement <see cref="Apply"/> and <see cref="Derivative"/>; forward and backward over matrices follow.
/// </summary>
/// <example>
/// <code>
/// public sealed class Softsign : ElementwiseActivation
/// {
///     public override string Name => "Softsign";
///     public override double Apply(double z) => z / (1 + Math.Abs(z));                        // f(z) = z / (1 + |z|)
///     public override double Derivative(double z, double a) => 1 / ((1 + Math.Abs(z)) * (1 + Math.Abs(z))); // f′(z) = 1 / (1 + |z|)²
/// }
/// </code>
/// </example>
public abstract class ElementwiseActivation : IActivation
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>f(z).</summary>
    public abstract double Apply(double z);

    /// <summary>f′(z). The output <paramref name="a"/> = f(z) is passed too, since many derivatives are cheapest in terms of it (σ′ = a(1 − a)).</summary>
    public abstract double Derivative(double z, double a);

    /// <inheritdoc/>
    public virtual (double Lower, double Upper)? SaturationBounds => null;

    /// <summary>A = f(Z), element by element.</summary>
    public virtual void Forward(Matrix<double> z, Matrix<double> a)
    {
        var (zs, As) = (z.AsColumnMajorArray(), a.AsColumnMajorArray());
        if (zs is null || As is null) { z.Map(Apply, a, MathNet.Numerics.LinearAlgebra.Zeros.Include); return; }
        for (int i = 0; i < zs.Length; i++)
            As[i] = Apply(zs[i]);
    }

    /// <summary>dZ = dA ⊙ f′(Z), element by element (the "⊙ σ′(z)" of BP1 and BP2).</summary>
    public virtual void Backward(Matrix<double> z, Matrix<double> a, Matrix<double> dA, Matrix<double> dZ)
    {
        var (zs, As, dAs, dZs) = (z.AsColumnMajorArray(), a.AsColumnMajorArray(), dA.AsColumnMajorArray(), dZ.AsColumnMajorArray());
        if (zs is null || As is null || dAs is null || dZs is null)
        {
            for (int c = 0; c < z.ColumnCount; c++)
                for (int r = 0; r < z.RowCount; r++)
                    dZ[r, c] = dA[r, c] * Derivative(z[r, c], a[r, c]);
            return;
        }
        for (int i = 0; i < zs.Length; i++)
            dZs[i] = dAs[i] * Derivative(zs[i], As[i]);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
