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
}
