namespace NeuralNet.Activations;

/// <summary>
/// Softplus f(z) = ln(1 + eᶻ), a smooth ReLU, with f′(z) = σ(z) = 1 / (1 + e^(−z)) (Dugas et al. 2001; Glorot, Bordes &amp; Bengio 2011).
/// </summary>
/// <remarks>
/// <para>Computed as max(z, 0) + ln(1 + e^(−|z|)), which is equal and cannot overflow: the naive form gives ∞ for z &gt; 709
/// and loses every digit for z &lt; −37. The logarithm uses an accurate ln(1 + t) for small t.</para>
/// <para>f′ = σ is at most 1 and never exactly 0, so unlike ReLU no unit can die; unlike σ itself it does not saturate for z &gt; 0.</para>
/// </remarks>
/// <example><code>var hidden = new Layer(784, 100, new Softplus());   // "784→100 Softplus"</code></example>
public sealed class Softplus : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "Softplus";

    /// <summary>f(z) = ln(1 + eᶻ) = max(z, 0) + ln(1 + e^(−|z|)).</summary>
    public override double Apply(double z) => Math.Max(z, 0.0) + LogOnePlus(Math.Exp(-Math.Abs(z)));

    /// <summary>f′(z) = σ(z), computed as 1/(1 + e^(−z)) for z ≥ 0 and eᶻ/(1 + eᶻ) otherwise, so e^(…) never overflows.</summary>
    public override double Derivative(double z, double a)
    {
        if (z >= 0) return 1.0 / (1.0 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>ln(1 + t) for t ≥ 0, accurate when t is tiny (Goldberg 1991): ln(u)·t/(u − 1) with u = 1 + t rounded.</summary>
    private static double LogOnePlus(double t)
    {
        double u = 1.0 + t;
        return u == 1.0 ? t : Math.Log(u) * t / (u - 1.0);
    }
}
