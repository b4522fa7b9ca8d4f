namespace NeuralNet.Training;

/// <summary>Everything <see cref="Trainer.Train(MathNet.Numerics.LinearAlgebra.Matrix{double}, MathNet.Numerics.LinearAlgebra.Matrix{double}, IProgress{EpochReport}?, CancellationToken)"/> measured, one report per completed epoch.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>One report per completed epoch, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>True if training stopped early because cancellation was requested; the weights are those after the last completed mini-batch.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>True if <see cref="TrainerOptions.EarlyStopping"/> ended training before <see cref="TrainerOptions.Epochs"/>.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The epoch with the lowest monitored loss (validation loss, or training loss without a validation set), or null if none completed.</summary>
    public int? BestEpoch { get; internal set; }

    /// <summary>The monitored loss of <see cref="BestEpoch"/>, or null if no epoch completed.</summary>
    public double? BestLoss { get; internal set; }

    /// <summary>The training loss of the last completed epoch, or NaN if none completed.</summary>
    public double FinalLoss => _epochs.Count == 0 ? double.NaN : _epochs[^1].Loss;

    internal void Add(EpochReport report) => _epochs.Add(report);
}
