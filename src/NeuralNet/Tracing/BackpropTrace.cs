using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tracing;

/// <summary>
/// One training step, written out: the forward pass, the cost C, the backward pass (BP1–BP4) and the optimizer's update,
/// layer by layer, made by <c>network.Trace(…)</c> (<see cref="NetworkTracing"/>).
/// </summary>
/// <remarks>
/// <para><b>One column per sample.</b> Every per-sample matrix has one row per unit and one column per sample.</para>
/// <para><b>Exactness.</b> The gradients are read from the very buffers <see cref="Network.Backpropagate"/> fills, so they are
/// bit-for-bit its results. The updates come from running the optimizer's own <c>Step</c> on scratch copies of the
/// parameters and gradients, so they are bit-for-bit the step it takes from a fresh state, i.e. the first step of
/// training. An optimizer that has already stepped (momentum, Adam) would take a different, history-dependent step; the
/// trace never touches that history.</para>
/// <para><see cref="ToString"/> prints the whole trace with <see cref="TraceFormatter"/>'s default options.</para>
/// </remarks>
public sealed record BackpropTrace
{
    /// <summary>The network as it prints itself, e.g. "Network[2→3 Tanh, 3→1 Sigmoid]".</summary>
    public required string Network { get; init; }

    /// <summary>The loss, e.g. "MeanSquaredError".</summary>
    public required string Loss { get; init; }

    /// <summary>The optimizer, e.g. "Sgd(momentum: 0.9)".</summary>
    public required string Optimizer { get; init; }

    /// <summary>η, the learning rate of the update.</summary>
    public required double LearningRate { get; init; }

    /// <summary>λ, the L2 weight decay added to weight gradients before the update (0 for none), as <see cref="Training.TrainerOptions.WeightDecay"/>.</summary>
    public required double WeightDecay { get; init; }

    /// <summary>m, the number of samples (columns) in the batch.</summary>
    public int BatchSize => Inputs.ColumnCount;

    /// <summary>x = a⁰, n_in × m.</summary>
    public required Matrix<double> Inputs { get; init; }

    /// <summary>y, n_out × m.</summary>
    public required Matrix<double> Targets { get; init; }

    /// <summary>aᴸ, the network's output, n_out × m.</summary>
    public Matrix<double> Output => Layers[^1].Output;

    /// <summary>C, the cost of the batch before the update (as <see cref="Gradients.Loss"/>).</summary>
    public required double Cost { get; init; }

    /// <summary>One entry per layer, from input to output.</summary>
    public required IReadOnlyList<LayerTrace> Layers { get; init; }

    /// <summary>The whole trace as aligned tables (<see cref="TraceFormatter.Format"/> with default options).</summary>
    public override string ToString() => TraceFormatter.Format(this);
}
