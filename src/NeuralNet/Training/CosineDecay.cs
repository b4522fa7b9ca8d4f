using System.Globalization;
using NeuralNet.Internal;

namespace NeuralNet.Training;

/// <summary>
/// Cosine annealing: ηₑ = η_min + ½(η − η_min)(1 + cos(π(e − 1)/E)) over E epochs (Loshchilov &amp; Hutter 2017, without restarts;
/// PyTorch's <c>CosineAnnealingLR</c> with T_max = E).
/// </summary>
public sealed class CosineDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="minimumRate">η_min ≥ 0, approached in the last epoch; default 0.</param>
    public CosineDecay(double minimumRate = 0)
    {
        Guard.NonNegative(minimumRate, nameof(minimumRate));
        MinimumRate = minimumRate;
    }

    /// <summary>η_min.</summary>
    public double MinimumRate { get; }

    /// <inheritdoc/>
    public double LearningRate(int epoch, int epochs, double baseRate) =>
        MinimumRate + 0.5 * (baseRate - MinimumRate) * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CosineDecay(min {MinimumRate})");
}
