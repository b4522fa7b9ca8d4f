namespace NeuralNet.Diagnostics;

/// <summary>
/// The outcome of a finite-difference gradient check. Each relative error is ‖g − ĝ‖₂ / max(‖g‖₂ + ‖ĝ‖₂, 1e-300),
/// where g is the analytic gradient (backpropagation) and ĝ the central difference.
/// </summary>
/// <param name="MaxRelativeError">The largest of <paramref name="Layers"/>' errors (or the single error of an activation or loss check).</param>
/// <param name="Layers">Per layer of a network check, the errors of ∂C/∂W and ∂C/∂b (and of every parameter, γ and β included); empty for activation and loss checks.</param>
public sealed record GradientCheckResult(double MaxRelativeError, IReadOnlyList<LayerGradientCheck> Layers)
{
    /// <summary>True when <see cref="MaxRelativeError"/> is below <paramref name="tolerance"/> (default 1e-6, suitable for double precision).</summary>
    public bool Passed(double tolerance = 1e-6) => MaxRelativeError < tolerance;
}
