using NeuralNet.Optimizers;
using NeuralNet.Serialization;

namespace NeuralNet.Training;

/// <summary>Where training stands after <see cref="Epoch"/> epochs: everything a resumed run needs besides the network and the options.</summary>
internal sealed class TrainingState
{
    /// <summary>Epochs completed.</summary>
    public int Epoch { get; set; }
    public TrainingHistory History { get; init; } = new();
    /// <summary>The lowest monitored loss so far (validation loss, else training loss), +∞ before the first epoch.</summary>
    public double BestLoss { get; set; } = double.PositiveInfinity;
    public int? BestEpoch { get; set; }
    public int EpochsWithoutImprovement { get; set; }
    /// <summary>The best epoch's values, kept only for <see cref="EarlyStopping.RestoreBestWeights"/>.</summary>
    public NetworkSnapshot? BestWeights { get; set; }
}

/// <summary>
/// Writes and reads checkpoints: a model file (<see cref="ModelFile"/>) plus a <c>training</c> section with the epoch,
/// seed, history, optimizer state and early-stopping state.
/// </summary>
internal static class Checkpoint
{
    public static void Write(string path, Network network, TrainerOptions options, TrainingState state)
    {
        var last = state.History.Epochs[^1];
        var document = ModelCodec.ToDocument<CheckpointDocument>(network, new ModelMetadata
        {
            Description = "checkpoint",
            TrainingSummary = $"epoch {state.Epoch} of {options.Epochs}, training loss {last.Loss:G6}" +
                (last.ValidationLoss is { } v ? $", validation loss {v:G6}" : ""),
        });
        document.Training = new TrainingStateDocument
        {
            Epoch = state.Epoch,
            Seed = options.Seed,
            History = state.History.Epochs.Select(r => new EpochDocument
            {
                Epoch = r.Epoch, Loss = r.Loss, ValidationLoss = r.ValidationLoss, ValidationAccuracy = r.ValidationAccuracy,
                LearningRate = r.LearningRate, ElapsedSeconds = r.Elapsed.TotalSeconds,
            }).ToList(),
            Optimizer = options.Optimizer is IStatefulOptimizer stateful ? ToDocument(stateful.ExportState(network.Parameters)) : null,
            BestLoss = state.BestEpoch is null ? null : state.BestLoss,
            BestEpoch = state.BestEpoch,
            EpochsWithoutImprovement = state.EpochsWithoutImprovement,
            BestWeights = state.BestWeights?.Arrays.Select(a => new NamedArrayDocument { Name = a.Name, Values = a.Values }).ToList(),
        };
        ModelCodec.Write(path, document, CheckpointJsonContext.Default.CheckpointDocument);
    }

    /// <summary>
    /// Loads the checkpoint's values into <paramref name="network"/> and its optimizer state into the options' optimizer;
    /// returns the training state.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a valid checkpoint (naming the file and field).</exception>
    /// <exception cref="ArgumentException">The checkpoint belongs to another architecture, seed or optimizer.</exception>
    public static TrainingState Read(string path, Network network, TrainerOptions options)
    {
        var document = ModelCodec.Read(path, CheckpointJsonContext.Default.CheckpointDocument);
        var saved = ModelCodec.ToNetwork(document, path, out _);
        var training = document.Training ?? throw ModelCodec.Invalid(path, "training is missing: this is a model file, not a checkpoint");
        if (ModelCodec.ArchitectureDifference(network, saved) is { } difference)
            throw new ArgumentException($"Checkpoint {path} does not fit network {network}: {difference}.", nameof(path));
        int epoch = training.Epoch ?? throw ModelCodec.Invalid(path, "training.epoch is missing");
        if (epoch < 0) throw ModelCodec.Invalid(path, $"training.epoch is {epoch}, expected ≥ 0");
        if (training.Seed is not { } seed) throw ModelCodec.Invalid(path, "training.seed is missing");
        if (seed != options.Seed)
            throw new ArgumentException(
                $"Checkpoint {path} was trained with Seed = {seed} but TrainerOptions.Seed = {options.Seed}; resume with the same seed to reproduce the uninterrupted run.", nameof(path));
        var history = training.History ?? throw ModelCodec.Invalid(path, "training.history is missing");
        if (history.Count != epoch) throw ModelCodec.Invalid(path, $"training.history has {history.Count} epochs, expected {epoch}");

        var state = new TrainingState
        {
            Epoch = epoch,
            BestLoss = training.BestLoss ?? double.PositiveInfinity,
            BestEpoch = training.BestEpoch,
            EpochsWithoutImprovement = training.EpochsWithoutImprovement ?? 0,
        };
        foreach (var r in history)
            state.History.Add(new EpochReport(r.Epoch, r.Loss, r.ValidationLoss, r.ValidationAccuracy, TimeSpan.FromSeconds(r.ElapsedSeconds), r.LearningRate, []));
        if (training.BestWeights is { } best)
        {
            try
            {
                state.BestWeights = NetworkSnapshot.From(network, best.Select((a, i) =>
                    (a.Name ?? "", a.Values ?? throw new ArgumentException($"array {i} has no values"))).ToArray());
            }
            catch (ArgumentException e)
            {
                throw ModelCodec.Invalid(path, $"training.bestWeights {e.Message}");
            }
        }

        ModelCodec.CopyValues(saved, network);
        if (training.Optimizer is { } optimizer && options.Optimizer is IStatefulOptimizer stateful)
            stateful.ImportState(network.Parameters, FromDocument(optimizer, path));
        return state;
    }

    private static OptimizerDocument ToDocument(OptimizerState state) => new()
    {
        Name = state.Optimizer,
        Parameters = state.Parameters.Select(p => p is null ? null : new ParameterStateDocument
        {
            Step = p.Step,
            Buffers = p.Buffers.Select(b => new NamedArrayDocument { Name = b.Key, Values = b.Value }).ToList(),
        }).ToList(),
    };

    private static OptimizerState FromDocument(OptimizerDocument document, string path)
    {
        var parameters = document.Parameters ?? throw ModelCodec.Invalid(path, "training.optimizer.parameters is missing");
        return new OptimizerState(document.Name ?? throw ModelCodec.Invalid(path, "training.optimizer.name is missing"),
            parameters.Select((p, i) => p is null ? null : new ParameterState(p.Step,
                (p.Buffers ?? []).ToDictionary(
                    b => b.Name ?? throw ModelCodec.Invalid(path, $"training.optimizer.parameters[{i}] has a buffer without a name"),
                    b => Finite(b.Values, $"training.optimizer.parameters[{i}].{b.Name}", path)))).ToArray());
    }

    private static double[] Finite(double[]? values, string field, string path)
    {
        if (values is null) throw ModelCodec.Invalid(path, $"{field} is missing");
        ModelCodec.Check(values, field, values.Length, $"{values.Length}", path);
        return values;
    }
}
