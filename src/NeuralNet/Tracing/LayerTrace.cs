using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tracing;

/// <summary>
/// What one layer computed in a traced training step: forward aˡ = f(Wˡ·aˡ⁻¹ + bˡ), backward δˡ, ∂C/∂bˡ, ∂C/∂Wˡ,
/// and the optimizer's update. Every matrix is a copy: rows are units, columns are samples (one column per sample).
/// </summary>
/// <remarks>
/// <para>Layer l = <see cref="Index"/> + 1 in the book's counting (the input is layer 0, a⁰ = x). Shapes, with m samples:
/// <code>
/// Input X = aˡ⁻¹       n_in × m        Weights W     n_out × n_in     Biases b       n_out
/// Z, A, f′(Z)          n_out × m       OutputGradient ∂C/∂a, Delta δ   n_out × m     InputGradient dX   n_in × m
/// WeightGradient, WeightUpdate   n_out × n_in          BiasGradient, BiasUpdate      n_out
/// </code></para>
/// <para><b>Recorded, not re-derived.</b> Every matrix is a copy of what the layers computed in the traced step: X is what
/// the layer below returned (after its dropout mask), ∂C/∂a is what the layer above's backward pass returned, and Z, A,
/// δ, X̂, M and the gradients are the layer's own caches.</para>
/// <para>For a layer of the user's own (<see cref="ILayer"/>) only what the contract exposes is known: X, the output, ∂C/∂a,
/// dX and the parameters; <see cref="WeightedInput"/> and <see cref="Delta"/> are null, W and b are its first weight and
/// first other parameter.</para>
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

    /// <summary>Z = W·X + b (Z = γ ⊙ X̂ + β with batch norm), n_out × m; null for a layer of the user's own.</summary>
    public required Matrix<double>? WeightedInput { get; init; }

    /// <summary>A = f(Z), n_out × m, before any dropout mask (for a layer of the user's own: what it returned).</summary>
    public required Matrix<double> Output { get; init; }

    /// <summary>The dropout mask M (0 or 1/(1 − p)), n_out × m, or null when the layer has no dropout.</summary>
    public Matrix<double>? DropoutMask { get; init; }

    /// <summary>A ⊙ M, what the layer returned with dropout (the next layer's input), or null without dropout.</summary>
    public Matrix<double>? DroppedOutput { get; init; }

    /// <summary>With batch norm: X̂ = (W·X − μ)/√(σ² + ε), n_out × m; otherwise null.</summary>
    public Matrix<double>? NormalizedInput { get; init; }

    /// <summary>With batch norm: γ before the step, n_out; otherwise null.</summary>
    public Vector<double>? Gamma { get; init; }

    /// <summary>With batch norm: β before the step, n_out; otherwise null.</summary>
    public Vector<double>? Beta { get; init; }

    /// <summary>With batch norm: ∂C/∂γ = mean of (δ ⊙ X̂)'s columns, n_out; otherwise null.</summary>
    public Vector<double>? GammaGradient { get; init; }

    /// <summary>With batch norm: ∂C/∂β = mean of δ's columns, n_out; otherwise null.</summary>
    public Vector<double>? BetaGradient { get; init; }

    /// <summary>With batch norm: dU = ∂C/∂(W·X) per sample = γ/√(σ² + ε) ⊙ (δ − ∂C/∂β − X̂ ⊙ ∂C/∂γ), n_out × m; otherwise null.</summary>
    public Matrix<double>? ProductGradient { get; init; }

    /// <summary>With batch norm: Δγ, the optimizer's change to γ; otherwise null.</summary>
    public Vector<double>? GammaUpdate { get; init; }

    /// <summary>With batch norm: Δβ, the optimizer's change to β; otherwise null.</summary>
    public Vector<double>? BetaUpdate { get; init; }

    /// <summary>dX = ∂C/∂X per sample, n_in × m, as the layer's backward pass returned it (Wᵀ·δ for a plain layer); null for the first layer, which does not compute it.</summary>
    public Matrix<double>? InputGradient { get; init; }

    /// <summary>f′(Z), element by element, n_out × m; null for an activation that is not element-wise (softmax), whose backward pass is a Jacobian product per column.</summary>
    public required Matrix<double>? ActivationDerivative { get; init; }

    /// <summary>
    /// ∂C/∂A per sample, n_out × m: ∇ₐC from the loss for the output layer, the layer above's dX = (Wˡ⁺¹)ᵀ·δˡ⁺¹ (the first factor of BP2) for a hidden layer.
    /// </summary>
    public required Matrix<double> OutputGradient { get; init; }

    /// <summary>
    /// True when the output error was computed directly as δᴸ = a − y (<see cref="Losses.ILoss.TryOutputDelta"/>, e.g. sigmoid with
    /// binary cross-entropy), where ∇ₐC ⊙ f′(z) simplifies; false where BP1 or BP2 was applied as written.
    /// </summary>
    public required bool UsesSimplifiedOutputDelta { get; init; }

    /// <summary>δ = ∂C/∂Z per sample, n_out × m (BP1 for the output layer, BP2 otherwise); null for a layer of the user's own.</summary>
    public required Matrix<double>? Delta { get; init; }

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
