using System.Globalization;
using NeuralNet.Internal;

namespace NeuralNet.Activations;

/// <summary>
/// Leaky ReLU f(z) = z for z &gt; 0 and α·z otherwise, with f′(z) = 1 or α (Maas, Hannun &amp; Ng 2013).
/// </summary>
/// <remarks>The small slope α keeps a gradient flowing through negative inputs, so units cannot die.</remarks>
public sealed class LeakyReLU : ElementwiseActivation
{
    /// <summary>Creates a leaky ReLU with negative-side slope α.</summary>
    /// <param name="slope">α ≥ 0; default 0.01 (as in PyTorch and Maas et al.).</param>
    /// <exception cref="ArgumentOutOfRangeException">α is negative or not finite.</exception>
    public LeakyReLU(double slope = 0.01)
    {
        Guard.NonNegative(slope, nameof(slope));
        Slope = slope;
    }

    /// <summary>α, the slope for z ≤ 0.</summary>
    public double Slope { get; }

    /// <inheritdoc/>
    public override string Name => "LeakyReLU";

    /// <inheritdoc/>
    public override double Apply(double z) => z > 0 ? z : Slope * z;

    /// <inheritdoc/>
    public override double Derivative(double z, double a) => z > 0 ? 1.0 : Slope;

    /// <inheritdoc/>
    public override string ToString() => $"LeakyReLU({Slope.ToString(CultureInfo.InvariantCulture)})";
}
