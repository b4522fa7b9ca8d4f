using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tracing;

/// <summary>
/// What one layer computed in a traced training step: forward aˡ = f(Wˡ·aˡ⁻¹ + bˡ), backward δˡ, ∂C/∂bˡ, ∂C/∂Wˡ,
/// and the optimizer's update. Every matrix is a copy: rows are units, columns are samples (one column per sample).
/// </summary>
/// <remarks>
/// Layer l = <see cref="Index"/> + 1 in the book's counting (the input is layer 0, a⁰ = x). Shapes, with m samples:
/// <code>
/// Input X = aˡ⁻¹       n_in × m        Weights W     n_out × n_in     Biases b       n_out
/// Z, A, f′(Z)          n_out × m       OutputGradient ∂C/∂a, Delta δ   n_out × m
/// WeightGradient, WeightUpdate   n_out × n_in          BiasGradient, BiasUpdate      n_out
/// </code>
/// </remarks>
public sealed record LayerTrace
{
    /// <summary>Position in <see cref="Network.Layers"/> (0 for the first layer, which the book calls layer 1).</summary>
    public required int Index { get; init; }

    /// <summary>The layer as it prints itself, e.g. "2→3 Tanh".</summary>
    public required string Description { get; init; }

    /// <summary>True for the last layer, whose δ comes from BP1; the others use BP2.</summary>
    public required bool IsOutputLayer { get; init; }

    /// <summary>W before the step, n_out × n_in.</summary>
    public required Matrix<double> Weights { get; init; }

    /// <summary>b before the step, n_out.</summary>
    public required Vector<double> Biases { get; init; }

    /// <summary>X = aˡ⁻¹, the layer's input (the network's input x for the first layer), n_in × m.</summary>
    public required Matrix<double> Input { get; init; }

    /// <summary>Z = W·X + b, n_out × m.</summary>
    public required Matrix<double> WeightedInput { get; init; }

    /// <summary>A = f(Z), n_out × m.</summary>
    public required Matrix<double> Output { get; init; }

    /// <summary>f′(Z), element by element, n_out × m; null for an activation that is not element-wise (softmax), whose backward pass is a Jacobian product per column.</summary>
    public required Matrix<double>? ActivationDerivative { get; init; }

    /// <summary>
    /// ∂C/∂A per sample, n_out × m: ∇ₐC from the loss for the output layer, (Wˡ⁺¹)ᵀ·δˡ⁺¹ (the first factor of BP2) for a hidden layer.
    /// </summary>
    public required Matrix<double> OutputGradient { get; init; }

    /// <summary>
    /// True when the output error was computed directly as δᴸ = a − y (<see cref="Losses.ILoss.TryOutputDelta"/>, e.g. sigmoid with
    /// binary cross-entropy), where ∇ₐC ⊙ f′(z) simplifies; false where BP1 or BP2 was applied as written.
    /// </summary>
    public required bool UsesSimplifiedOutputDelta { get; init; }

    /// <summary>δ = ∂C/∂Z per sample, n_out × m (BP1 for the output layer, BP2 otherwise).</summary>
    public required Matrix<double> Delta { get; init; }

    /// <summary>∂C/∂b = mean of δ's columns, n_out (BP3): equal to <see cref="Network.Backpropagate"/>'s bias gradient.</summary>
    public required Vector<double> BiasGradient { get; init; }

    /// <summary>∂C/∂W = δ·Xᵀ / m, n_out × n_in (BP4): equal to <see cref="Network.Backpropagate"/>'s weight gradient.</summary>
    public required Matrix<double> WeightGradient { get; init; }

    /// <summary>ΔW = W_after − W_before, the change the optimizer's step makes to W (see <see cref="BackpropTrace"/> for which step).</summary>
    public required Matrix<double> WeightUpdate { get; init; }

    /// <summary>Δb = b_after − b_before, the change the optimizer's step makes to b.</summary>
    public required Vector<double> BiasUpdate { get; init; }

    /// <summary>Every value above in the order of the computation, each with the equation that produced it.</summary>
    public required IReadOnlyList<TracedValue> Values { get; init; }

    /// <summary>The value whose <see cref="TracedValue.Equation"/> is <paramref name="equation"/> (e.g. <see cref="TraceEquations.BP4"/>), within <paramref name="stage"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value of this layer comes from that equation.</exception>
    public TracedValue this[string equation, TraceStage stage = TraceStage.Backward] =>
        Values.FirstOrDefault(v => v.Equation == equation && v.Stage == stage)
        ?? throw new KeyNotFoundException($"Layer {Index} ({Description}) has no {stage} value from equation '{equation}'. It has: {string.Join(", ", Values.Select(v => $"{v.Symbol} [{v.Equation}]"))}.");

    /// <inheritdoc/>
    public override string ToString() => $"LayerTrace[{Index}: {Description}, δ from {(IsOutputLayer ? TraceEquations.BP1 : TraceEquations.BP2)}]";
}
