using System.Globalization;
using NeuralNet.Internal;

namespace NeuralNet.Activations;

/// <summary>
/// The exponential linear unit ELU(z) = z for z &gt; 0 and α(eᶻ − 1) otherwise, with ELU′(z) = 1 for z &gt; 0 and
/// α·eᶻ = f(z) + α otherwise (Clevert, Unterthiner &amp; Hochreiter 2016).
/// </summary>
/// <remarks>
/// Like ReLU it passes the error back unshrunk for z &gt; 0, but negative inputs still get a gradient, and the outputs can
/// be negative (down to −α), which pushes the mean activation towards 0. With α = 1 the function and its first
/// derivative are continuous at 0. Initialised with He-normal weights by <see cref="Network.DefaultInitializer"/>.
/// </remarks>
/// <example><code>var hidden = new Layer(784, 100, new Elu());   // "784→100 ELU(1)"</code></example>
public sealed class Elu : ElementwiseActivation
{
    /// <summary>Creates an ELU with negative-side scale α.</summary>
    /// <param name="alpha">α ≥ 0, the value −α that f approaches as z → −∞; default 1.0 (as in PyTorch and Clevert et al.).</param>
    /// <exception cref="ArgumentOutOfRangeException">α is negative or not finite.</exception>
    public Elu(double alpha = 1.0)
    {
        Guard.NonNegative(alpha, nameof(alpha));
        Alpha = alpha;
    }

    /// <summary>α, the scale of the negative side.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override string Name => "ELU";

    /// <summary>f(z) = z for z &gt; 0, α(eᶻ − 1) otherwise, with eᶻ − 1 computed accurately near 0.</summary>
    public override double Apply(double z) => z > 0 ? z : Alpha * ExpMinusOne(z);

    /// <summary>f′(z) = 1 for z &gt; 0, α·eᶻ = a + α otherwise.</summary>
    public override double Derivative(double z, double a) => z > 0 ? 1.0 : a + Alpha;

    /// <summary>
    /// eᶻ − 1 without the cancellation of the naive form near z = 0 (Kahan's trick: (u − 1)·z / ln u with u = eᶻ rounded).
    /// .NET's <c>double.ExpM1</c> is computed as <c>Exp(z) − 1</c>, which keeps only about 6 digits at z = −1e-10.
    /// </summary>
    private static double ExpMinusOne(double z)
    {
        double u = Math.Exp(z);
        if (u == 1.0) return z;
        double um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * z / Math.Log(u);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ELU({Alpha.ToString(CultureInfo.InvariantCulture)})";
}
