using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tracing;

/// <summary>One named matrix of a <see cref="BackpropTrace"/>, with the equation it comes from.</summary>
/// <param name="Symbol">The quantity in the book's notation with its layer, e.g. "δ²" or "∂C/∂W¹".</param>
/// <param name="Formula">How it is computed, e.g. "δ² = ∇ₐC ⊙ f′(z²)".</param>
/// <param name="Equation">Which equation produced it: one of <see cref="TraceEquations"/>' labels, e.g. <see cref="TraceEquations.BP1"/>.</param>
/// <param name="Stage">Forward pass, backward pass or update.</param>
/// <param name="Value">The numbers. Rows are units; columns are samples when <paramref name="ColumnsAreSamples"/>,
/// otherwise the layer's inputs (for W, ∂C/∂W, ΔW) or a single column (for b, ∂C/∂b, Δb).</param>
/// <param name="ColumnsAreSamples">True for per-sample values (x, z, a, f′(z), δ, …), one column per sample.</param>
public sealed record TracedValue(string Symbol, string Formula, string Equation, TraceStage Stage, Matrix<double> Value, bool ColumnsAreSamples)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Symbol} ({Value.RowCount}×{Value.ColumnCount}, {Equation}): {Formula}";
}
