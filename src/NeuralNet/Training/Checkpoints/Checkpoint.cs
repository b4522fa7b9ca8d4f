using System.Globalization;
using System.Text.Json;
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
    /// <summary>The settings and data fingerprint written into every checkpoint of this run.</summary>
    public RunDocument? Run { get; set; }
    /// <summary>The chained SHA-256 of the history lines written so far (<see cref="CheckpointHistory"/>).</summary>
    public byte[] HistoryHash { get; set; } = CheckpointHistory.EmptyHash;
}

/// <summary>
/// Writes and reads checkpoints: a model file (<see cref="ModelFile"/>) plus a <c>training</c> section with the epoch,
/// seed, the run's settings and data fingerprint, optimizer state and early-stopping state; the history goes to an
/// append-only file beside it (<see cref="CheckpointHistory"/>), so writing epoch e costs the same for every e.
/// </summary>
/// <remarks>
/// Reading validates the whole file and compares it with the network, options and data before anything is applied: a
/// failed resume leaves the network and the optimizer as they were. A corrupt file is an <see cref="InvalidDataException"/>,
/// a checkpoint of another run an <see cref="InvalidOperationException"/>; both name the file and the field.
/// </remarks>
internal static class Checkpoint
{
    public static void Write(string path, Network network, TrainerOptions options, TrainingState state)
    {
        var last = state.History.Epochs[^1];
        state.HistoryHash = CheckpointHistory.Append(path, state.Epoch, state.HistoryHash, last);
        var document = ModelCodec.ToDocument<CheckpointDocument>(network, new ModelInfo
        {
            Description = "checkpoint",
            TrainingSummary = $"epoch {state.Epoch} of {options.Epochs}, training loss {last.Loss:G6}" +
                (last.ValidationLoss is { } v ? $", validation loss {v:G6}" : ""),
        });
        document.Training = new TrainingStateDocument
        {
            Epoch = state.Epoch,
            Seed = options.Seed,
            Run = state.Run,
            HistoryFile = CheckpointHistory.FileName,
            HistorySha256 = Convert.ToHexStringLower(state.HistoryHash),
            Optimizer = options.Optimizer is IStatefulOptimizer stateful ? ToDocument(stateful.ExportState(network.Parameters)) : null,
            BestLoss = state.BestEpoch is null ? null : state.BestLoss,
            BestEpoch = state.BestEpoch,
            EpochsWithoutImprovement = state.EpochsWithoutImprovement,
            BestWeights = state.BestWeights?.Arrays.Select(a => new NamedArrayDocument { Name = a.Name, Values = a.Values }).ToList(),
        };
        ModelCodec.Write(path, document, CheckpointJsonContext.Default.CheckpointDocument);
    }

    /// <summary>
    /// Validates the checkpoint against <paramref name="network"/>, <paramref name="options"/> and <paramref name="run"/>
    /// (this run's settings and data); only then loads its values into the network and its optimizer state into the
    /// options' optimizer, and returns the training state.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a valid checkpoint (naming the file and field).</exception>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to another architecture, seed, setting or data set (naming the field, the saved and the given value).</exception>
    public static TrainingState Read(string path, Network network, TrainerOptions options, RunDocument run)
    {
        var document = ModelCodec.Read(path, CheckpointJsonContext.Default.CheckpointDocument);
        var saved = ModelCodec.ToNetwork(document, path, out _);
        var training = document.Training ?? throw ModelCodec.Invalid(path, "training is missing: this is a model file, not a checkpoint");
        if (ModelCodec.ArchitectureDifference(network, saved) is { } difference)
            throw new InvalidOperationException($"Checkpoint {path} does not fit network {network}: {difference}.");
        int epoch = training.Epoch ?? throw ModelCodec.Invalid(path, "training.epoch is missing");
        if (epoch < 0) throw ModelCodec.Invalid(path, $"training.epoch is {epoch}, expected ≥ 0");
        if (training.Seed is not { } seed) throw ModelCodec.Invalid(path, "training.seed is missing");
        if (seed != options.Seed)
            throw new InvalidOperationException(
                $"Checkpoint {path} was trained with Seed = {seed} but TrainerOptions.Seed = {options.Seed}; resume with the same seed to reproduce the uninterrupted run.");
        CompareRun(path, training.Run ?? throw ModelCodec.Invalid(path, "training.run is missing (a checkpoint of an older NeuralNet, which cannot be checked against this run)"), run);

        var (history, hash) = training.History is { } inline
            ? (inline, CheckpointHistory.EmptyHash)
            : CheckpointHistory.Read(path, training.HistoryFile, training.HistorySha256, epoch);
        var state = new TrainingState { Epoch = epoch, Run = run, HistoryHash = hash };
        if (history.Count != epoch) throw ModelCodec.Invalid(path, $"training.history has {history.Count} epochs, expected {epoch}");
        for (int i = 0; i < history.Count; i++)
            state.History.Add(CheckpointHistory.ToReport(history[i], i, path, "training.history"));

        if (training.BestLoss is { } bestLoss && !double.IsFinite(bestLoss))
            throw ModelCodec.Invalid(path, $"training.bestLoss is {Format(bestLoss)}, expected a finite number");
        if (training.BestEpoch is { } bestEpoch && (bestEpoch < 1 || bestEpoch > epoch))
            throw ModelCodec.Invalid(path, $"training.bestEpoch is {bestEpoch}, expected 1–{epoch}");
        if ((training.BestEpoch is null) != (training.BestLoss is null))
            throw ModelCodec.Invalid(path, "training.bestEpoch and training.bestLoss must both be given or both be missing");
        int waiting = training.EpochsWithoutImprovement ?? 0;
        if (waiting < 0 || waiting > epoch)
            throw ModelCodec.Invalid(path, $"training.epochsWithoutImprovement is {waiting}, expected 0–{epoch}");
        (state.BestLoss, state.BestEpoch, state.EpochsWithoutImprovement) = (training.BestLoss ?? double.PositiveInfinity, training.BestEpoch, waiting);
        if (training.BestWeights is { } best)
            state.BestWeights = BestWeights(best, network, path);

        OptimizerState? optimizerState = null;
        if (options.Optimizer is IStatefulOptimizer)
            optimizerState = FromDocument(training.Optimizer ?? throw ModelCodec.Invalid(path,
                $"training.optimizer is missing, but {options.Optimizer} keeps a state that the resumed run needs"), network, path);

        // Everything is checked: only now change the network, the optimizer and (for an inline history) the history file.
        if (training.History is not null) state.HistoryHash = CheckpointHistory.Rewrite(path, state.History.Epochs);
        ModelCodec.CopyValues(saved, network);
        if (optimizerState is not null)
        {
            try
            {
                ((IStatefulOptimizer)options.Optimizer).ImportState(network.Parameters, optimizerState);
            }
            catch (ArgumentException e)
            {
                throw ModelCodec.Invalid(path, $"training.optimizer: {e.Message.Split(" (Parameter")[0]}");
            }
        }
        return state;
    }

    /// <summary>The settings and data that make a run: a resumed run must match every one of them.</summary>
    public static RunDocument Describe(TrainerOptions options, MathNet.Numerics.LinearAlgebra.Matrix<double> inputs, MathNet.Numerics.LinearAlgebra.Matrix<double> targets,
        MathNet.Numerics.LinearAlgebra.Matrix<double>? validationInputs, MathNet.Numerics.LinearAlgebra.Matrix<double>? validationTargets) => new()
    {
        Epochs = options.Epochs,
        BatchSize = options.BatchSize,
        LearningRate = options.LearningRate,
        WeightDecay = options.WeightDecay,
        Loss = options.Loss.ToString(),
        Optimizer = options.Optimizer.ToString(),
        Shuffle = options.Shuffle,
        Schedule = options.Schedule?.ToString(),
        Augmentation = options.Augmentation?.ToString(),
        EarlyStopping = options.EarlyStopping?.ToString(),
        TrainingSamples = inputs.ColumnCount,
        TrainingSha256 = DataFingerprint.Sha256(inputs, targets),
        ValidationSamples = validationInputs?.ColumnCount,
        ValidationSha256 = validationInputs is null ? null : DataFingerprint.Sha256(validationInputs, validationTargets!),
    };

    private static void CompareRun(string path, RunDocument saved, RunDocument given)
    {
        Same(path, "BatchSize", saved.BatchSize, given.BatchSize);
        Same(path, "LearningRate", saved.LearningRate, given.LearningRate);
        Same(path, "WeightDecay", saved.WeightDecay, given.WeightDecay);
        Same(path, "Loss", saved.Loss, given.Loss);
        Same(path, "Optimizer", saved.Optimizer, given.Optimizer);
        Same(path, "Shuffle", saved.Shuffle, given.Shuffle);
        Same(path, "Schedule", saved.Schedule, given.Schedule);
        if (given.Schedule is not null) Same(path, "Epochs", saved.Epochs, given.Epochs);   // the schedule's η depends on the total
        Same(path, "Augmentation", saved.Augmentation, given.Augmentation);
        Same(path, "EarlyStopping", saved.EarlyStopping, given.EarlyStopping);
        if (saved.TrainingSamples != given.TrainingSamples || saved.TrainingSha256 != given.TrainingSha256)
            throw new InvalidOperationException(
                $"Checkpoint {path} was trained on other data: training.run.trainingSamples = {Show(saved.TrainingSamples)} with SHA-256 {Show(saved.TrainingSha256)}, " +
                $"but these inputs and targets are {given.TrainingSamples} samples with SHA-256 {given.TrainingSha256}; resume on the same data.");
        if (saved.ValidationSamples != given.ValidationSamples || saved.ValidationSha256 != given.ValidationSha256)
            throw new InvalidOperationException(
                $"Checkpoint {path} was validated on another set: training.run.validationSamples = {Show(saved.ValidationSamples)} with SHA-256 {Show(saved.ValidationSha256)}, " +
                $"but the given validation set is {Show(given.ValidationSamples)} samples with SHA-256 {Show(given.ValidationSha256)}.");
    }

    private static void Same<T>(string path, string option, T? saved, T? given)
    {
        if (EqualityComparer<T>.Default.Equals(saved!, given!)) return;
        throw new InvalidOperationException(
            $"Checkpoint {path} was trained with {option} = {Show(saved)} but TrainerOptions.{option} = {Show(given)} " +
            $"(field training.run.{char.ToLowerInvariant(option[0])}{option[1..]}); resume with the same settings to continue that run.");
    }

    private static string Show<T>(T? value) => value switch
    {
        null => "(none)",
        double d => Format(d),
        _ => value.ToString() ?? "(none)",
    };

    private static NetworkSnapshot BestWeights(List<NamedArrayDocument> best, Network network, string path)
    {
        var arrays = new (string, double[])[best.Count];
        for (int i = 0; i < best.Count; i++)
        {
            var a = best[i] ?? throw ModelCodec.Invalid(path, $"training.bestWeights[{i}] is null");
            var values = a.Values ?? throw ModelCodec.Invalid(path, $"training.bestWeights[{i}].values is missing");
            ModelCodec.Check(values, $"training.bestWeights[{i}].values", values.Length, $"{values.Length}", path);
            arrays[i] = (a.Name ?? "", values);
        }
        try
        {
            return NetworkSnapshot.From(network, arrays);
        }
        catch (ArgumentException e)
        {
            throw ModelCodec.Invalid(path, $"training.bestWeights {e.Message}");
        }
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

    /// <summary>Checks every parameter's state (count, step, unique buffer names, lengths, finite values; Adam's v ≥ 0) and builds it.</summary>
    private static OptimizerState FromDocument(OptimizerDocument document, Network network, string path)
    {
        string name = document.Name ?? throw ModelCodec.Invalid(path, "training.optimizer.name is missing");
        var parameters = document.Parameters ?? throw ModelCodec.Invalid(path, "training.optimizer.parameters is missing");
        var expected = network.Parameters;
        if (parameters.Count != expected.Count)
            throw ModelCodec.Invalid(path, $"training.optimizer.parameters has {parameters.Count} entries, expected {expected.Count} (one per parameter of {network})");
        var states = new ParameterState?[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is not { } p) continue;
            string at = $"training.optimizer.parameters[{i}]";
            if (p.Step < 0) throw ModelCodec.Invalid(path, $"{at}.step is {p.Step}, expected ≥ 0");
            var buffers = new Dictionary<string, double[]>();
            var list = p.Buffers ?? [];
            for (int b = 0; b < list.Count; b++)
            {
                string field = $"{at}.buffers[{b}]";
                var buffer = list[b] ?? throw ModelCodec.Invalid(path, $"{field} is null");
                string bufferName = buffer.Name ?? throw ModelCodec.Invalid(path, $"{field}.name is missing");
                int length = expected[i].Value.Length;
                ModelCodec.Check(buffer.Values, $"{field} (\"{bufferName}\")", length, $"{length} (the length of {expected[i]})", path);
                if (name == nameof(Adam) && bufferName == "v" && Array.FindIndex(buffer.Values!, x => x < 0) is var negative and >= 0)
                    throw ModelCodec.Invalid(path, $"{field} (\"v\")[{negative}] is {Format(buffer.Values![negative])}, expected a second moment ≥ 0");
                if (!buffers.TryAdd(bufferName, buffer.Values!))
                    throw ModelCodec.Invalid(path, $"{field}: a second buffer named \"{bufferName}\"");
            }
            states[i] = new ParameterState(p.Step, buffers);
        }
        return new OptimizerState(name, states);
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>SHA-256 of a data set's values (inputs, then targets, in column-major order), to recognise the same data.</summary>
internal static class DataFingerprint
{
    public static string Sha256(MathNet.Numerics.LinearAlgebra.Matrix<double> inputs, MathNet.Numerics.LinearAlgebra.Matrix<double> targets)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var m in new[] { inputs, targets })
        {
            hash.AppendData(BitConverter.GetBytes(m.RowCount));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes((m.AsColumnMajorArray() ?? m.ToColumnMajorArray()).AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>
/// A checkpoint's history, one JSON line per epoch in <c>history.jsonl</c> beside it. Appending makes writing an epoch
/// O(1) in the number of epochs so far (the whole history inside every checkpoint made a run of n epochs write O(n²)
/// bytes). The checkpoint stores the chained hash h_e = SHA-256(h_{e−1} ‖ line_e) of its first e lines, so a resumed run
/// reads exactly the epochs its checkpoint saw; lines after them (a crash between the two writes, or a later epoch that
/// another checkpoint saw) are ignored, and a resume rewrites the file to its own epochs before appending.
/// </summary>
internal static class CheckpointHistory
{
    public const string FileName = "history.jsonl";
    public static readonly byte[] EmptyHash = new byte[32];

    /// <summary>Appends epoch <paramref name="epoch"/>'s line (after truncating to epoch − 1 lines on the first write of a run) and returns the new chained hash.</summary>
    public static byte[] Append(string checkpointPath, int epoch, byte[] previousHash, EpochReport report)
    {
        string file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!, FileName);
        byte[] line = Line(report);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!s_continuing.TryGetValue(file, out int last) || last != epoch - 1)
                Truncate(file, epoch - 1);                                       // a new run, or a resumed one: drop later lines
            using (var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                stream.Write(line);
                stream.Flush(flushToDisk: true);
            }
            s_continuing[file] = epoch;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s_continuing.TryRemove(file, out _);
            throw new IOException($"Cannot write {file}: {e.Message}", e);
        }
        return Chain(previousHash, line);
    }

    /// <summary>The last epoch appended to each history file by this process: appends that follow it need no truncation.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_continuing = new();

    /// <summary>Writes <paramref name="epochs"/> as the whole history file (a checkpoint of an earlier version kept them inline); returns their chained hash.</summary>
    public static byte[] Rewrite(string checkpointPath, IReadOnlyList<EpochReport> epochs)
    {
        string file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!, FileName);
        var lines = epochs.Select(Line).ToArray();
        AtomicFile.Write(file, stream => { foreach (var line in lines) stream.Write(line); });
        s_continuing[file] = epochs.Count;
        return lines.Aggregate(EmptyHash, Chain);
    }

    /// <summary>Keeps the first <paramref name="lines"/> lines (rewritten atomically; once per run).</summary>
    private static void Truncate(string file, int lines)
    {
        if (!File.Exists(file)) return;
        if (lines == 0) { File.Delete(file); return; }
        var kept = File.ReadLines(file).Take(lines).Select(l => l + "\n").ToArray();
        AtomicFile.Write(file, stream => { foreach (var l in kept) stream.Write(System.Text.Encoding.UTF8.GetBytes(l)); });
    }

    /// <summary>Reads the first <paramref name="epochs"/> lines and checks them against the checkpoint's chained hash.</summary>
    public static (List<EpochDocument?> History, byte[] Hash) Read(string checkpointPath, string? fileName, string? sha256, int epochs)
    {
        if (fileName is null) throw ModelCodec.Invalid(checkpointPath, "training.historyFile is missing");
        if (fileName != FileName) throw ModelCodec.Invalid(checkpointPath, $"training.historyFile is \"{fileName}\", expected \"{FileName}\"");
        if (sha256 is null) throw ModelCodec.Invalid(checkpointPath, "training.historySha256 is missing");
        string file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!, fileName);
        var history = new List<EpochDocument?>();
        byte[] hash = EmptyHash;
        if (epochs > 0)
        {
            if (!File.Exists(file)) throw ModelCodec.Invalid(checkpointPath, $"training.historyFile {file} does not exist; it holds the checkpoint's {epochs} epochs");
            foreach (string text in File.ReadLines(file))
            {
                if (history.Count == epochs) break;
                byte[] line = System.Text.Encoding.UTF8.GetBytes(text + "\n");
                hash = Chain(hash, line);
                try
                {
                    history.Add(JsonSerializer.Deserialize(line, CheckpointJsonContext.Default.EpochDocument));
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{file}: line {history.Count + 1} is not an epoch: {e.Message}", e);
                }
            }
            if (history.Count < epochs)
                throw ModelCodec.Invalid(checkpointPath, $"training.historyFile {file} holds {history.Count} epochs, expected {epochs}");
        }
        if (!string.Equals(Convert.ToHexStringLower(hash), sha256, StringComparison.OrdinalIgnoreCase))
            throw ModelCodec.Invalid(checkpointPath, $"training.historySha256 does not match the first {epochs} lines of {file}: the history was changed or belongs to another checkpoint");
        return (history, hash);
    }

    /// <summary>Validates one epoch of a history and turns it into a report (without per-layer diagnostics).</summary>
    public static EpochReport ToReport(EpochDocument? r, int index, string path, string field)
    {
        string at = $"{field}[{index}]";
        if (r is null) throw ModelCodec.Invalid(path, $"{at} is null");
        if (r.Epoch != index + 1) throw ModelCodec.Invalid(path, $"{at}.epoch is {r.Epoch}, expected {index + 1}");
        if (!double.IsFinite(r.Loss)) throw ModelCodec.Invalid(path, $"{at}.loss is {Checkpoint.Format(r.Loss)}, expected a finite number");
        if (r.ValidationLoss is { } v && !double.IsFinite(v)) throw ModelCodec.Invalid(path, $"{at}.validationLoss is {Checkpoint.Format(v)}, expected a finite number");
        if (r.ValidationAccuracy is { } a && !(a >= 0 && a <= 1)) throw ModelCodec.Invalid(path, $"{at}.validationAccuracy is {Checkpoint.Format(a)}, expected 0–1");
        if (!(r.LearningRate > 0) || !double.IsFinite(r.LearningRate)) throw ModelCodec.Invalid(path, $"{at}.learningRate is {Checkpoint.Format(r.LearningRate)}, expected a finite number > 0");
        if (!(r.ElapsedSeconds >= 0 && r.ElapsedSeconds < TimeSpan.MaxValue.TotalSeconds / 2))
            throw ModelCodec.Invalid(path, $"{at}.elapsedSeconds is {Checkpoint.Format(r.ElapsedSeconds)}, expected a duration ≥ 0 (at most {TimeSpan.MaxValue.TotalSeconds / 2:E2} s)");
        return new EpochReport(r.Epoch, r.Loss, r.ValidationLoss, r.ValidationAccuracy, TimeSpan.FromSeconds(r.ElapsedSeconds), r.LearningRate, []);
    }

    private static byte[] Line(EpochReport r)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            JsonSerializer.Serialize(writer, new EpochDocument
            {
                Epoch = r.Epoch, Loss = r.Loss, ValidationLoss = r.ValidationLoss, ValidationAccuracy = r.ValidationAccuracy,
                LearningRate = r.LearningRate, ElapsedSeconds = r.Elapsed.TotalSeconds,
            }, CheckpointJsonContext.Default.EpochDocument);
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static byte[] Chain(byte[] previous, byte[] line) => System.Security.Cryptography.SHA256.HashData([.. previous, .. line]);
}
