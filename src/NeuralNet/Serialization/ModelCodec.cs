using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NeuralNet.Activations;

namespace NeuralNet.Serialization;

/// <summary>
/// Turns a <see cref="Network"/> into a <see cref="ModelDocument"/> and back, validating every field on the way back;
/// reads and writes the JSON. <see cref="ModelFile"/> is the public face, checkpoints use it too.
/// </summary>
internal static class ModelCodec
{
    public const string FormatName = "NeuralNet.Network";

    public static string LibraryVersion => typeof(Network).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The document for <paramref name="network"/>. Throws InvalidOperationException on a non-finite value, naming it.</summary>
    public static ModelDocument ToDocument(Network network, ModelMetadata? metadata) => ToDocument<ModelDocument>(network, metadata);

    /// <summary>The document for <paramref name="network"/> as a <typeparamref name="T"/> (a checkpoint's document adds its training state).</summary>
    public static T ToDocument<T>(Network network, ModelMetadata? metadata) where T : ModelDocument, new()
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = new List<LayerDocument?>();
        var built = network.BuiltInLayers("Saving a model");
        for (int l = 0; l < built.Count; l++)
        {
            var layer = built[l];
            var document = new LayerDocument
            {
                Inputs = layer.InputSize,
                Outputs = layer.OutputSize,
                Activation = new ActivationDocument
                {
                    Name = layer.Activation.Name,
                    Parameters = new Dictionary<string, double>(ActivationRegistry.ParametersOf(layer.Activation)),
                },
                BatchNorm = layer.BatchNorm,
                Dropout = layer.Dropout,
                Weights = Finite(RowMajor(layer), l, "weights"),
            };
            if (layer.BatchNorm)
            {
                document.Gamma = Finite(layer.Gamma!.ToArray(), l, "gamma");
                document.Beta = Finite(layer.Beta!.ToArray(), l, "beta");
                document.RunningMean = Finite(layer.RunningMean!.ToArray(), l, "runningMean");
                document.RunningVariance = Finite(layer.RunningVariance!.ToArray(), l, "runningVariance");
            }
            else
                document.Biases = Finite(layer.Biases.ToArray(), l, "biases");
            layers.Add(document);
        }
        return new T
        {
            Format = FormatName,
            FormatVersion = ModelFile.FormatVersion,
            LibraryVersion = LibraryVersion,
            Created = DateTimeOffset.UtcNow,
            Description = metadata?.Description,
            TrainingSummary = metadata?.TrainingSummary,
            Layers = layers,
        };
    }

    /// <summary>Writes the document atomically, indented, with non-ASCII text (η, γ, descriptions) as UTF-8 rather than \u escapes.</summary>
    public static void Write(string path, ModelDocument document) => Write(path, document, ModelJsonContext.Default.ModelDocument);

    /// <summary>Writes a document of a derived type (a checkpoint) with its own source-generated contract.</summary>
    public static void Write<T>(string path, T document, JsonTypeInfo<T> contract) where T : ModelDocument =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            JsonSerializer.Serialize(writer, document, contract);
        });

    /// <summary>Reads and parses the file; malformed, truncated or empty files give an InvalidDataException naming the file.</summary>
    public static ModelDocument Read(string path) => Read(path, ModelJsonContext.Default.ModelDocument);

    /// <summary>Reads and parses the file as a <typeparamref name="T"/> (a checkpoint); errors as <see cref="Read(string)"/>.</summary>
    public static T Read<T>(string path, JsonTypeInfo<T> contract) where T : ModelDocument
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw Invalid(path, "the file is empty");
        T? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, contract);
        }
        catch (JsonException e)
        {
            string where = e.Path is null or "$" ? "" : $" in {e.Path.TrimStart('$', '.')}";
            throw new InvalidDataException(
                $"{path}: not a valid model file (JSON error at line {e.LineNumber + 1}, byte {e.BytePositionInLine}{where}): {e.Message}", e);
        }
        return document ?? throw Invalid(path, "the file holds null instead of a model");
    }

    /// <summary>Validates the document and builds the network it describes; every error names the file and the field.</summary>
    public static Network ToNetwork(ModelDocument document, string path, out ModelMetadata metadata)
    {
        if (document.Format != FormatName)
            throw Invalid(path, document.Format is null ? $"format is missing, expected \"{FormatName}\"" : $"format is \"{document.Format}\", expected \"{FormatName}\"");
        if (document.FormatVersion is not { } version)
            throw Invalid(path, "formatVersion is missing");
        if (version != ModelFile.FormatVersion)
            throw Invalid(path, $"formatVersion is {version}, but this library (NeuralNet {LibraryVersion}) reads version {ModelFile.FormatVersion} only");
        if (document.Layers is null || document.Layers.Count == 0)
            throw Invalid(path, document.Layers is null ? "layers is missing" : "layers is empty: a network needs at least one layer");

        var layers = new Layer[document.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
            layers[l] = ToLayer(document.Layers[l], l, l == 0 ? null : layers[l - 1].OutputSize, path);
        var network = new Network(layers);
        for (int l = 0; l < layers.Length; l++)
            CopyValues(document.Layers[l]!, layers[l]);
        metadata = new ModelMetadata
        {
            Description = document.Description,
            TrainingSummary = document.TrainingSummary,
            FormatVersion = version,
            LibraryVersion = document.LibraryVersion,
            Created = document.Created,
        };
        return network;
    }

    /// <summary>Checks that two networks have the same layers (sizes, activations, batch norm, dropout); describes the first difference.</summary>
    public static string? ArchitectureDifference(Network expected, Network actual)
    {
        if (expected.Layers.Count != actual.Layers.Count)
            return $"it has {actual.Layers.Count} layers, the network has {expected.Layers.Count}";
        var (expectedLayers, actualLayers) = (expected.BuiltInLayers("A checkpoint"), actual.BuiltInLayers("A checkpoint"));
        for (int l = 0; l < expectedLayers.Count; l++)
        {
            var (e, a) = (expectedLayers[l], actualLayers[l]);
            if (e.InputSize != a.InputSize || e.OutputSize != a.OutputSize || e.Activation.Name != a.Activation.Name ||
                e.BatchNorm != a.BatchNorm || e.Dropout != a.Dropout ||
                !ActivationRegistry.ParametersOf(e.Activation).OrderBy(p => p.Key).SequenceEqual(ActivationRegistry.ParametersOf(a.Activation).OrderBy(p => p.Key)))
                return $"its layer {l} is {a}, the network's is {e}";
        }
        return null;
    }

    /// <summary>Copies W, b (or γ, β) and the running statistics of every layer of <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static void CopyValues(Network source, Network target)
    {
        var (sourceLayers, targetLayers) = (source.BuiltInLayers("Loading values"), target.BuiltInLayers("Loading values"));
        for (int l = 0; l < sourceLayers.Count; l++)
        {
            var (s, t) = (sourceLayers[l], targetLayers[l]);
            for (int p = 0; p < s.Parameters.Count; p++)
                s.Parameters[p].Value.CopyTo(t.Parameters[p].Value, 0);
            s.Biases.CopyTo(t.Biases);    // live vector, also for batch-normalised layers (where b stays 0)
            if (s.BatchNorm)
            {
                s.RunningMean!.CopyTo(t.RunningMean!);
                s.RunningVariance!.CopyTo(t.RunningVariance!);
            }
        }
    }

    private static Layer ToLayer(LayerDocument? d, int l, int? previousOutputs, string path)
    {
        string at = $"layers[{l}]";
        if (d is null) throw Invalid(path, $"{at} is null");
        int inputs = Required(d.Inputs, $"{at}.inputs", path), outputs = Required(d.Outputs, $"{at}.outputs", path);
        if (inputs <= 0) throw Invalid(path, $"{at}.inputs is {inputs}, expected a positive integer");
        if (outputs <= 0) throw Invalid(path, $"{at}.outputs is {outputs}, expected a positive integer");
        if (previousOutputs is { } previous && inputs != previous)
            throw Invalid(path, $"{at}.inputs is {inputs}, expected {previous} (the outputs of layers[{l - 1}])");
        bool batchNorm = Required(d.BatchNorm, $"{at}.batchNorm", path);
        double dropout = Required(d.Dropout, $"{at}.dropout", path);
        if (!(dropout >= 0 && dropout < 1))
            throw Invalid(path, $"{at}.dropout is {Format(dropout)}, expected a probability in [0, 1)");

        if (d.Activation?.Name is not { Length: > 0 } name)
            throw Invalid(path, $"{at}.activation.name is missing");
        var parameters = d.Activation.Parameters ?? new Dictionary<string, double>();
        IActivation? activation;
        try
        {
            activation = ActivationRegistry.Create(name, parameters);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"{path}: {at}.activation \"{name}\" {e.Message.Split(" (Parameter")[0]}", e);
        }
        if (activation is null)
            throw Invalid(path, $"{at}.activation.name \"{name}\" is not a known activation (built-in: {string.Join(", ", ActivationRegistry.BuiltInNames)}); " +
                $"for a custom activation call ActivationRegistry.Register(\"{name}\", parameters => new …()) before loading");

        Check(d.Weights, $"{at}.weights", outputs * inputs, $"{outputs}×{inputs} = {outputs * inputs}", path);
        if (batchNorm)
        {
            Check(d.Gamma, $"{at}.gamma", outputs, $"{outputs}", path);
            Check(d.Beta, $"{at}.beta", outputs, $"{outputs}", path);
            Check(d.RunningMean, $"{at}.runningMean", outputs, $"{outputs}", path);
            Check(d.RunningVariance, $"{at}.runningVariance", outputs, $"{outputs}", path);
            for (int i = 0; i < outputs; i++)
                if (d.RunningVariance![i] < 0)
                    throw Invalid(path, $"{at}.runningVariance[{i}] is {Format(d.RunningVariance[i])}, expected a variance ≥ 0");
        }
        else
            Check(d.Biases, $"{at}.biases", outputs, $"{outputs}", path);
        return new Layer(inputs, outputs, activation, batchNorm, dropout);
    }

    private static void CopyValues(LayerDocument d, Layer layer)
    {
        int inputs = layer.InputSize;
        var w = layer.Weights;
        for (int j = 0; j < layer.OutputSize; j++)
            for (int k = 0; k < inputs; k++)
                w[j, k] = d.Weights![j * inputs + k];
        if (layer.BatchNorm)
        {
            d.Gamma!.CopyTo(layer.Gamma!.AsArray(), 0);
            d.Beta!.CopyTo(layer.Beta!.AsArray(), 0);
            d.RunningMean!.CopyTo(layer.RunningMean!.AsArray(), 0);
            d.RunningVariance!.CopyTo(layer.RunningVariance!.AsArray(), 0);
        }
        else
            d.Biases!.CopyTo(layer.Biases.AsArray(), 0);
    }

    /// <summary>W row by row: element j·n_in + k is W[j, k], the weight from input k into unit j.</summary>
    private static double[] RowMajor(Layer layer)
    {
        var result = new double[layer.OutputSize * layer.InputSize];
        var w = layer.Weights;
        for (int j = 0; j < layer.OutputSize; j++)
            for (int k = 0; k < layer.InputSize; k++)
                result[j * layer.InputSize + k] = w[j, k];
        return result;
    }

    private static double[] Finite(double[] values, int layer, string field)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new InvalidOperationException(
                    $"Cannot save: layers[{layer}].{field}[{i}] is {Format(values[i])}; only finite parameters can be saved (did training diverge?).");
        return values;
    }

    internal static void Check(double[]? values, string field, int expected, string expectedText, string path)
    {
        if (values is null) throw Invalid(path, $"{field} is missing, expected {expectedText} values");
        if (values.Length != expected) throw Invalid(path, $"{field} has {values.Length} values, expected {expectedText}");
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw Invalid(path, $"{field}[{i}] is {Format(values[i])}; every value must be finite");
    }

    private static T Required<T>(T? value, string field, string path) where T : struct =>
        value ?? throw Invalid(path, $"{field} is missing");

    internal static InvalidDataException Invalid(string path, string message) => new($"{path}: {message}");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
