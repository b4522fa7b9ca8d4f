using System.Text.Json.Serialization;

namespace NeuralNet.Serialization;

// The JSON shape of a saved model (format version 1), as plain data. Every field is nullable so that a missing field is
// seen by the validation in ModelCodec.ToNetwork (which names it) rather than silently defaulting. Property order = file order.

/// <summary>The whole file: header, metadata and layers. A checkpoint adds its training state (Training/Checkpoints/CheckpointDocument.cs).</summary>
internal class ModelDocument
{
    public string? Format { get; set; }
    public int? FormatVersion { get; set; }
    public string? LibraryVersion { get; set; }
    public DateTimeOffset? Created { get; set; }
    public string? Description { get; set; }
    public string? TrainingSummary { get; set; }
    public List<LayerDocument?>? Layers { get; set; }
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

/// <summary>System.Text.Json source generation: no reflection at run time (trimming- and AOT-friendly).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
