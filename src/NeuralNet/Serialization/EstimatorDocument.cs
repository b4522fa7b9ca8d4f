using System.Text.Json.Serialization;

namespace NeuralNet.Serialization;

// Format version 2 adds this optional section to a model file: what an estimator (NeuralNet.Estimators) needs besides the
// network to take raw rows and give labels. A plain network file has no such section; version-1 files never have one.

/// <summary>The estimator section: its kind, the fitted scalers of inputs and targets, and the class labels.</summary>
internal sealed class EstimatorDocument
{
    /// <summary>"classifier" or "regressor".</summary>
    public string? Kind { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScalerDocument? InputScaler { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScalerDocument? TargetScaler { get; set; }
    /// <summary>The .NET type of the labels (e.g. "System.String", "System.Int32"), for a classifier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? LabelType { get; set; }
    /// <summary>The classes in output order, as invariant-culture text, for a classifier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string?>? Classes { get; set; }
}

/// <summary>A fitted affine scaler, x′ = (x − offset) / scale per feature.</summary>
internal sealed class ScalerDocument
{
    /// <summary>"standard" or "min-max".</summary>
    public string? Name { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter))] public double[]? Offset { get; set; }
    [JsonConverter(typeof(CompactDoubleArrayConverter))] public double[]? Scale { get; set; }
}
