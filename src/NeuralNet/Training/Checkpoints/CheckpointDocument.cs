using System.Text.Json.Serialization;
using NeuralNet.Serialization;

namespace NeuralNet.Training;

// The JSON shape of a checkpoint: a model file (ModelDocument, format version 1) plus a "training" section, as plain
// data. Every field is nullable so that a missing field is seen by Checkpoint.Read (which names it). Property order = file order.

/// <summary>A checkpoint file: the model, then where training stood.</summary>
internal sealed class CheckpointDocument : ModelDocument
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrainingStateDocument? Training { get; set; }
}

/// <summary>A named array of numbers (optimizer buffers, snapshots).</summary>
internal sealed class NamedArrayDocument
{
    public string? Name { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter))] public double[]? Values { get; set; }
}

/// <summary>What a checkpoint adds to a model: where training stood after <see cref="Epoch"/> epochs.</summary>
internal sealed class TrainingStateDocument
{
    public int? Epoch { get; set; }
    public int? Seed { get; set; }
    public List<EpochDocument>? History { get; set; }
    public OptimizerDocument? Optimizer { get; set; }
    public double? BestLoss { get; set; }
    public int? BestEpoch { get; set; }
    public int? EpochsWithoutImprovement { get; set; }
    public List<NamedArrayDocument>? BestWeights { get; set; }
}

/// <summary>The numbers of one <see cref="Training.EpochReport"/> (without per-layer diagnostics).</summary>
internal sealed class EpochDocument
{
    public int Epoch { get; set; }
    public double Loss { get; set; }
    public double? ValidationLoss { get; set; }
    public double? ValidationAccuracy { get; set; }
    public double LearningRate { get; set; }
    public double ElapsedSeconds { get; set; }
}

/// <summary>An optimizer's state: its name and, per network parameter in order, the step count and buffers (or null: no state yet).</summary>
internal sealed class OptimizerDocument
{
    public string? Name { get; set; }
    public List<ParameterStateDocument?>? Parameters { get; set; }
}

internal sealed class ParameterStateDocument
{
    public long Step { get; set; }
    public List<NamedArrayDocument>? Buffers { get; set; }
}

/// <summary>System.Text.Json source generation for checkpoints, with the model file's options.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CheckpointDocument))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
