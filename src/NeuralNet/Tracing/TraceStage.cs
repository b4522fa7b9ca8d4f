namespace NeuralNet.Tracing;

/// <summary>The part of a training step a <see cref="TracedValue"/> belongs to.</summary>
public enum TraceStage
{
    /// <summary>The forward pass: W, b, x, z, a.</summary>
    Forward,

    /// <summary>The backward pass: ∂C/∂a, f′(z), δ, ∂C/∂b, ∂C/∂W.</summary>
    Backward,

    /// <summary>The optimizer's update ΔW, Δb.</summary>
    Update,
}
