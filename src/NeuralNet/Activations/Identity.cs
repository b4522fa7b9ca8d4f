using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Activations;

/// <summary>The identity f(z) = z, with f′(z) = 1: a linear layer, e.g. for regression outputs.</summary>
public sealed class Identity : ElementwiseActivation
{
    /// <inheritdoc/>
    public override string Name => "Identity";

    /// <inheritdoc/>
    public override double Apply(double z) => z;

    /// <inheritdoc/>
    public override double Derivative(double z, double a) => 1.0;

    /// <inheritdoc/>
    public override void Forward(Matrix<double> z, Matrix<double> a) => z.CopyTo(a);

    /// <inheritdoc/>
    public override void Backward(Matrix<double> z, Matrix<double> a, Matrix<double> dA, Matrix<double> dZ) => dA.CopyTo(dZ);
}
