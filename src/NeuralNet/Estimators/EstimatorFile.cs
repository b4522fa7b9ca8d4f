using System.Globalization;
using NeuralNet.Preprocessing;
using NeuralNet.Serialization;

namespace NeuralNet.Estimators;

/// <summary>
/// Saves an estimator as a model file (format version 2) whose <c>estimator</c> section holds the fitted scalers and the
/// class labels beside the network, and reads it back, validating every field (errors name the file and the field).
/// </summary>
internal static class EstimatorFile
{
    public const string Classifier = "classifier", Regressor = "regressor";

    public static void Save(string path, Network network, ModelInfo? info, EstimatorDocument estimator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var document = ModelCodec.ToDocument(network, info);
        document.Estimator = estimator;
        ModelCodec.Write(path, document);
    }

    /// <summary>Reads the network and the estimator section of kind <paramref name="kind"/>.</summary>
    public static (Network Network, EstimatorDocument Estimator) Load(string path, string kind)
    {
        var document = ModelCodec.Read(path);
        var network = ModelCodec.ToNetwork(document, path, out _);
        var estimator = document.Estimator
            ?? throw ModelCodec.Invalid(path, $"estimator is missing: this file holds a plain network (load it with Network.Load), not a {kind}");
        if (estimator.Kind != kind)
            throw ModelCodec.Invalid(path, $"estimator.kind is \"{estimator.Kind}\", expected \"{kind}\"");
        return (network, estimator);
    }

    public static ScalerDocument? ToDocument(FeatureScaler? scaler) => scaler is null ? null : new ScalerDocument
    {
        Name = scaler.Name,
        Offset = scaler.Offset.ToArray(),
        Scale = scaler.Scale.ToArray(),
    };

    /// <summary>The scaler of <paramref name="document"/> (null if absent), with <paramref name="size"/> features, every value checked.</summary>
    public static FeatureScaler? ToScaler(ScalerDocument? document, int size, string field, string path)
    {
        if (document is null) return null;
        var scaler = FeatureScaler.Create(document.Name ?? "")
            ?? throw ModelCodec.Invalid(path, $"{field}.name is {(document.Name is null ? "missing" : $"\"{document.Name}\"")}, expected \"{StandardScaler.ScalerName}\" or \"{MinMaxScaler.ScalerName}\"");
        ModelCodec.Check(document.Offset, $"{field}.offset", size, $"{size}", path);
        ModelCodec.Check(document.Scale, $"{field}.scale", size, $"{size}", path);
        for (int j = 0; j < size; j++)
            if (!(document.Scale![j] > 0))
                throw ModelCodec.Invalid(path, $"{field}.scale[{j}] is {document.Scale[j].ToString("R", CultureInfo.InvariantCulture)}, expected a positive number");
        scaler.Restore(document.Offset!, document.Scale!);
        return scaler;
    }
}
