using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>
/// Watches one training step of a <see cref="Network"/> as it runs: what each layer received and returned, forward and
/// backward. The tracer (NeuralNet.Tracing) copies these values, so a trace holds what the layers computed, not a re-derivation.
/// </summary>
internal interface IStepRecorder
{
    /// <summary>Layer <paramref name="layer"/> mapped X (<paramref name="input"/>) to Y (<paramref name="output"/>; after dropout).</summary>
    void Forwarded(int layer, Matrix<double> input, Matrix<double> output);

    /// <summary>
    /// Layer <paramref name="layer"/>'s backward pass took dA = ∂C/∂Y (<paramref name="outputGradient"/>; null when the
    /// output layer's δᴸ = a − y was written directly) and returned dX (<paramref name="inputGradient"/>; null for the first layer).
    /// </summary>
    void Backwarded(int layer, Matrix<double>? outputGradient, Matrix<double>? inputGradient);
}
