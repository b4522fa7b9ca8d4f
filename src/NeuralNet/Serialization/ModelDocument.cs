using System.Text.Json.Serialization;

namespace NeuralNet.Serialization;

// The JSON shape of a saved model (format version 2; version 1 is the same without `estimator`), as plain data. Every field is nullable so that a missing field is
// seen by the validation in ModelReader (which names it) rather than silently defaulting. Property order = file order.

/// <summary>The whole file: header, metadata, layers, and (in checkpoints only) the training state.</summary>
internal sealed class ModelDocument
{
    public string? Format { get; set; }
    public int? FormatVersion { get; set; }
    public string? LibraryVersion { get; set; }
    public DateTimeOffset? Created { get; set; }
    public string? Description { get; set; }
    public string? TrainingSummary { get; set; }
    public List<LayerDocument?>? Layers { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EstimatorDocument? Estimator { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrainingStateDocument? Training { get; set; }
}

/// <summary>One layer: sizes, activation, batch norm, dropout, and its values (W row by row: row j holds the weights into unit j).</summary>
internal sealed class LayerDocument
{
    public int? Inputs { get; set; }
    public int? Outputs { get; set; }
    public ActivationDocument? Activation { get; set; }
    public bool? BatchNorm { get; set; }
    public double? Dropout { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter))] public double[]? Weights { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double[]? Biases { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double[]? Gamma { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double[]? Beta { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double[]? RunningMean { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double[]? RunningVariance { get; set; }
}

/// <summary>An activation: its <see cref="Activations.IActivation.Name"/> and numeric parameters (e.g. LeakyReLU's slope).</summary>
internal sealed class ActivationDocument
{
    public string? Name { get; set; }
    public Dictionary<string, double>? Parameters { get; set; }
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
    public RunDocument? Run { get; set; }
    /// <summary>An inline history, still read if present; written as null: the epochs are appended to <see cref="HistoryFile"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<EpochDocument?>? History { get; set; }
    /// <summary>The history's file name, in the checkpoint's folder: one JSON line per epoch, appended (O(1) per epoch).</summary>
    public string? HistoryFile { get; set; }
    /// <summary>h_e = SHA-256(h_{e−1} ‖ line e), hex, over the first <see cref="Epoch"/> lines of <see cref="HistoryFile"/>.</summary>
    public string? HistorySha256 { get; set; }
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

/// <summary>System.Text.Json source generation: no reflection at run time (trimming- and AOT-friendly).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
