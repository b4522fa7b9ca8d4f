namespace NeuralNet.Training;

/// <summary>Everything <see cref="Trainer.Train(MathNet.Numerics.LinearAlgebra.Matrix{double}, MathNet.Numerics.LinearAlgebra.Matrix{double}, IProgress{EpochReport}?, CancellationToken)"/> measured, one report per completed epoch.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>One report per completed epoch, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>True if training stopped early because cancellation was requested; the weights are those after the last completed mini-batch.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>The training loss of the last completed epoch, or NaN if none completed.</summary>
    public double FinalLoss => _epochs.Count == 0 ? double.NaN : _epochs[^1].Loss;

    internal void Add(EpochReport report) => _epochs.Add(report);
}
