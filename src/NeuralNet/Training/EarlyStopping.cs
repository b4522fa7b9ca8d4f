using System.Globalization;
using NeuralNet.Internal;

namespace NeuralNet.Training;

/// <summary>
/// Stops training when the monitored loss (validation loss, or training loss without a validation set) has not improved
/// by more than <see cref="MinDelta"/> for <see cref="Patience"/> epochs in a row, as Keras's <c>EarlyStopping</c>.
/// </summary>
/// <remarks>
/// An epoch improves when its loss is below best − minDelta. With <see cref="RestoreBestWeights"/> the network ends
/// training with the weights (and batch-norm statistics) of <see cref="TrainingHistory.BestEpoch"/>, whether it stopped early
/// or ran all epochs; the history records <see cref="TrainingHistory.StoppedEarly"/>.
/// </remarks>
/// <example><code>var options = new TrainerOptions { Epochs = 100, EarlyStopping = new EarlyStopping(patience: 5) };</code></example>
public sealed class EarlyStopping
{
    /// <summary>Creates the rule.</summary>
    /// <param name="patience">Epochs without improvement before stopping; &gt; 0, default 5.</param>
    /// <param name="minDelta">The smallest decrease that counts as an improvement; ≥ 0, default 0.</param>
    /// <param name="restoreBestWeights">End with the best epoch's weights (default true) rather than the last epoch's.</param>
    /// <exception cref="ArgumentOutOfRangeException">Patience not positive or minDelta negative.</exception>
    public EarlyStopping(int patience = 5, double minDelta = 0, bool restoreBestWeights = true)
    {
        Guard.Positive(patience, nameof(patience));
        Guard.NonNegative(minDelta, nameof(minDelta));
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>The smallest decrease of the loss that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether training ends with the best epoch's weights.</summary>
    public bool RestoreBestWeights { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"EarlyStopping(patience {Patience}, minDelta {MinDelta}{(RestoreBestWeights ? ", restore best" : "")})");
}
