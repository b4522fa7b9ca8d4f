namespace NeuralNet.Training;

/// <summary>
/// Where a <see cref="Trainer"/> saves checkpoints: after every epoch it writes <see cref="LastPath"/>, and
/// <see cref="BestPath"/> whenever the monitored loss (validation loss, or training loss without a validation set) improves.
/// </summary>
/// <remarks>
/// <para>A checkpoint is a model file (<see cref="Serialization.ModelFile"/>, so <c>Network.Load(…)</c> opens it)
/// with a <c>training</c> section: the epochs completed, the seed, the history, the optimizer's state
/// (<see cref="Optimizers.IStatefulOptimizer"/>) and the early-stopping state. <see cref="Trainer.Resume(string, MathNet.Numerics.LinearAlgebra.Matrix{double}, MathNet.Numerics.LinearAlgebra.Matrix{double}, MathNet.Numerics.LinearAlgebra.Matrix{double}?, MathNet.Numerics.LinearAlgebra.Matrix{double}?, IProgress{EpochReport}?, CancellationToken)"/>
/// continues from it with bit-identical results. Files are replaced atomically.</para>
/// </remarks>
/// <example><code>var options = new TrainerOptions { Epochs = 20, Checkpoints = new CheckpointOptions("checkpoints") };</code></example>
public sealed class CheckpointOptions
{
    /// <summary>Checkpoints go to <paramref name="folder"/> (created if needed).</summary>
    /// <exception cref="ArgumentException">The folder is null, empty or white space.</exception>
    public CheckpointOptions(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = folder;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>The checkpoint after the last completed epoch: <c>last.json</c>.</summary>
    public string LastPath => Path.Combine(Folder, "last.json");

    /// <summary>The checkpoint after the epoch with the lowest monitored loss so far: <c>best.json</c>.</summary>
    public string BestPath => Path.Combine(Folder, "best.json");

    /// <inheritdoc/>
    public override string ToString() => $"CheckpointOptions({Folder})";
}
