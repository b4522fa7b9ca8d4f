using System.Globalization;
using NeuralNet.Internal;

namespace NeuralNet.Training;

/// <summary>Step decay: ηₑ = η · γ^⌊(e − 1) / k⌋, i.e. multiply the rate by γ every k epochs (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepEpochs">k &gt; 0, epochs between decays.</param>
    /// <param name="factor">γ ∈ (0, 1], the factor applied at each step; default 0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException">k not positive or γ outside (0, 1].</exception>
    public StepDecay(int stepEpochs, double factor = 0.1)
    {
        Guard.Positive(stepEpochs, nameof(stepEpochs));
        if (!(factor > 0 && factor <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"factor must be in (0, 1]. Received: factor={factor}.");
        StepEpochs = stepEpochs;
        Factor = factor;
    }

    /// <summary>k, epochs between decays.</summary>
    public int StepEpochs { get; }

    /// <summary>γ, the decay factor.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public double LearningRate(int epoch, int epochs, double baseRate) => baseRate * Math.Pow(Factor, (epoch - 1) / StepEpochs);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"StepDecay(every {StepEpochs} epochs × {Factor})");
}
