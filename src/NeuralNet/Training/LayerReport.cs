namespace NeuralNet.Training;

/// <summary>What one layer did during one epoch: how fast it learned and how its units behaved.</summary>
/// <param name="Layer">The layer's index, 0 for the first hidden layer.</param>
/// <param name="BiasGradientNorm">Mean over the epoch's mini-batches of ‖∂C/∂b‖₂: the layer's "speed of learning" (Nielsen, chapter 5).
/// For a batch-normalised layer, ‖∂C/∂β‖₂: β plays the bias's role (b is unused), and ∂C/∂β = Σ_columns δ / m just as ∂C/∂b would be.</param>
/// <param name="WeightGradientNorm">Mean over the epoch's mini-batches of ‖∂C/∂W‖ (Frobenius norm).</param>
/// <param name="ActivationMean">Mean of the layer's outputs a = f(z) over every unit and sample of the epoch (before dropout).</param>
/// <param name="ActivationStd">Population standard deviation of those outputs.</param>
/// <param name="SaturatedFraction">Share of outputs in the activation's flat region (sigmoid: a &lt; 0.05 or a &gt; 0.95; tanh: |a| &gt; 0.95; 0 for non-saturating activations).</param>
/// <param name="DeadFraction">Share of units whose output was exactly 0 for every sample of the epoch (dead ReLUs).</param>
/// <remarks>The activation statistics are NaN when <see cref="TrainerOptions.CollectDiagnostics"/> is false.</remarks>
public sealed record LayerReport(
    int Layer,
    double BiasGradientNorm,
    double WeightGradientNorm,
    double ActivationMean,
    double ActivationStd,
    double SaturatedFraction,
    double DeadFraction);
