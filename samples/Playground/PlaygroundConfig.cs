using System.Globalization;
using System.Text.Json;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Optimizers;

namespace Playground;

/// <summary>
/// One playground experiment: the data, the network and how it trains. The same keys name it in the page's URL fragment
/// (<c>/#dataset=spiral&amp;activation=sigmoid&amp;hidden=8,8,8</c>) and in the JSON body of <c>POST /api/sessions</c>.
/// </summary>
/// <remarks>
/// Every value is checked by <see cref="Parse"/> against the ranges below (the <see cref="Limits"/> keep one request from
/// exhausting the machine); an invalid one is reported under its key with the allowed range, as ASP.NET Core's
/// validation problem details.
/// </remarks>
public sealed record PlaygroundConfig
{
    /// <summary>The dataset names, in the order the page lists them.</summary>
    public static readonly IReadOnlyDictionary<string, ToyDataset> Datasets = new Dictionary<string, ToyDataset>
    {
        ["xor"] = ToyDataset.Xor, ["circles"] = ToyDataset.Circles, ["moons"] = ToyDataset.Moons,
        ["spiral"] = ToyDataset.Spirals, ["gaussian"] = ToyDataset.GaussianClusters,
    };

    /// <summary>The hidden layers' activation functions.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IActivation>> Activations = new Dictionary<string, Func<IActivation>>
    {
        ["sigmoid"] = () => new Sigmoid(), ["tanh"] = () => new Tanh(), ["relu"] = () => new ReLU(),
        ["leakyrelu"] = () => new LeakyReLU(), ["elu"] = () => new Elu(),
    };

    /// <summary>The weight initialisers; "default" is the library's choice for the activation (He for the ReLU family, Xavier otherwise).</summary>
    public static readonly IReadOnlyDictionary<string, Func<IActivation, IInitializer>> Initializers = new Dictionary<string, Func<IActivation, IInitializer>>
    {
        ["default"] = NeuralNet.Network.DefaultInitializer, ["xavier"] = _ => new XavierUniform(), ["he"] = _ => new HeNormal(),
        ["lecun"] = _ => new LeCunNormal(), ["normal"] = _ => new StandardNormal(),
    };

    /// <summary>The update rules: plain SGD, SGD with momentum 0.9, Adam.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IOptimizer>> Optimizers = new Dictionary<string, Func<IOptimizer>>
    {
        ["sgd"] = () => new Sgd(), ["momentum"] = () => new Sgd(momentum: 0.9), ["adam"] = () => new Adam(),
    };

    /// <summary>The allowed ranges, inclusive unless a bound says otherwise.</summary>
    public static class Limits
    {
        /// <summary>Hidden layers: 1 … 8.</summary>
        public const int MaxHiddenLayers = 8;
        /// <summary>Units per hidden layer: 1 … 32.</summary>
        public const int MaxUnits = 32;
        /// <summary>Points in the dataset (training and test together): 20 … 1000.</summary>
        public const int MinPoints = 20, MaxPoints = 1000;
        /// <summary>Noise σ: 0 … 0.5.</summary>
        public const double MaxNoise = 0.5;
        /// <summary>Training share of the points: 0.1 … 0.9.</summary>
        public const double MinTrainFraction = 0.1, MaxTrainFraction = 0.9;
        /// <summary>Learning rate η: (0, 10].</summary>
        public const double MaxLearningRate = 10;
    }

    /// <summary>Dataset name, a key of <see cref="Datasets"/>; default circles.</summary>
    public string Dataset { get; init; } = "circles";
    /// <summary>σ of the Gaussian noise added to each coordinate (<see cref="ToyDatasets"/>); default 0.</summary>
    public double Noise { get; init; }
    /// <summary>Points generated, split into training and test sets; default 400.</summary>
    public int Points { get; init; } = 400;
    /// <summary>Share of the points used for training, the rest for the test loss; default 0.5.</summary>
    public double TrainFraction { get; init; } = 0.5;
    /// <summary>Units of each hidden layer, input side first; default 8, 8.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [8, 8];
    /// <summary>Hidden layers' activation, a key of <see cref="Activations"/>; default tanh. The output is one sigmoid unit.</summary>
    public string Activation { get; init; } = "tanh";
    /// <summary>Initialiser, a key of <see cref="Initializers"/>; default "default".</summary>
    public string Init { get; init; } = "default";
    /// <summary>Batch normalisation in every hidden layer; default false.</summary>
    public bool BatchNorm { get; init; }
    /// <summary>η; default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Samples per mini-batch; default 10.</summary>
    public int BatchSize { get; init; } = 10;
    /// <summary>Update rule, a key of <see cref="Optimizers"/>; default sgd.</summary>
    public string Optimizer { get; init; } = "sgd";
    /// <summary>Seed of the data, the weights and the shuffling; default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The keys, as the URL and the JSON body spell them.</summary>
    public static readonly IReadOnlyList<string> Keys =
        ["dataset", "noise", "points", "trainFraction", "hidden", "activation", "init", "batchNorm", "learningRate", "batchSize", "optimizer", "seed"];

    /// <summary>
    /// Reads a configuration from a JSON object with any of <see cref="Keys"/> (missing keys keep their defaults). Values may
    /// be JSON numbers, booleans and arrays, or the strings the URL fragment holds ("0.1", "true", "8,8,8").
    /// </summary>
    /// <returns>The configuration, or null with <paramref name="errors"/> naming each bad key and its allowed range.</returns>
    public static PlaygroundConfig? Parse(JsonElement body, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"Expected a JSON object with any of the keys {string.Join(", ", Keys)}. Received: a JSON {body.ValueKind.ToString().ToLowerInvariant()}."];
            return null;
        }
        var reader = new FieldReader(errors);
        var config = new PlaygroundConfig();
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            config = property.Name switch
            {
                "dataset" => config with { Dataset = reader.Name("dataset", value, Datasets.Keys) ?? config.Dataset },
                "noise" => config with { Noise = reader.Number("noise", value, 0, Limits.MaxNoise) ?? config.Noise },
                "points" => config with { Points = reader.Integer("points", value, Limits.MinPoints, Limits.MaxPoints) ?? config.Points },
                "trainFraction" => config with { TrainFraction = reader.Number("trainFraction", value, Limits.MinTrainFraction, Limits.MaxTrainFraction) ?? config.TrainFraction },
                "hidden" => config with { Hidden = reader.Hidden("hidden", value) ?? config.Hidden },
                "activation" => config with { Activation = reader.Name("activation", value, Activations.Keys) ?? config.Activation },
                "init" => config with { Init = reader.Name("init", value, Initializers.Keys) ?? config.Init },
                "batchNorm" => config with { BatchNorm = reader.Boolean("batchNorm", value) ?? config.BatchNorm },
                "learningRate" => config with { LearningRate = reader.Number("learningRate", value, 0, Limits.MaxLearningRate, lowerOpen: true) ?? config.LearningRate },
                "batchSize" => config with { BatchSize = reader.Integer("batchSize", value, 1, Limits.MaxPoints) ?? config.BatchSize },
                "optimizer" => config with { Optimizer = reader.Name("optimizer", value, Optimizers.Keys) ?? config.Optimizer },
                "seed" => config with { Seed = reader.Integer("seed", value, 0, int.MaxValue) ?? config.Seed },
                _ => reader.Unknown(property.Name, config),
            };
        }
        if (config.BatchNorm && config.BatchSize < 2 && !errors.ContainsKey("batchSize"))
            errors["batchSize"] = [$"batchSize must be an integer in [2, {Limits.MaxPoints}] with batchNorm: a batch of one sample has no variance to normalise by. Received: {config.BatchSize}."];
        return errors.Count == 0 ? config : null;
    }

    /// <summary>The configuration as URL-fragment pairs, e.g. <c>dataset=spiral&amp;hidden=8,8</c>.</summary>
    public string ToFragment() => string.Join("&", ToDictionary().Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Key → value as the URL spells it.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        ["dataset"] = Dataset, ["noise"] = Invariant(Noise), ["points"] = Invariant(Points), ["trainFraction"] = Invariant(TrainFraction),
        ["hidden"] = string.Join(",", Hidden), ["activation"] = Activation, ["init"] = Init, ["batchNorm"] = BatchNorm ? "true" : "false",
        ["learningRate"] = Invariant(LearningRate), ["batchSize"] = Invariant(BatchSize), ["optimizer"] = Optimizer, ["seed"] = Invariant(Seed),
    };

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Reads one field at a time; a bad value leaves a message under its key and the default in place.</summary>
    private sealed class FieldReader(Dictionary<string, string[]> errors)
    {
        public string? Name(string key, JsonElement value, IEnumerable<string> allowed)
        {
            string expected = $"one of {string.Join(", ", allowed)}";
            if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!.ToLowerInvariant()))
                return value.GetString()!.ToLowerInvariant();
            Fail(key, $"{key} must be {expected}. Received: {Show(value)}.");
            return null;
        }

        public double? Number(string key, JsonElement value, double min, double max, bool lowerOpen = false)
        {
            string range = $"{(lowerOpen ? "(" : "[")}{Invariant(min)}, {Invariant(max)}]";
            double? number = ToNumber(value);
            if (number is double x && double.IsFinite(x) && (lowerOpen ? x > min : x >= min) && x <= max)
                return x;
            Fail(key, $"{key} must be a finite number in {range}. Received: {Show(value)}.");
            return null;
        }

        public int? Integer(string key, JsonElement value, int min, int max)
        {
            double? number = ToNumber(value);
            if (number is double x && x == Math.Floor(x) && x >= min && x <= max)
                return (int)x;
            Fail(key, $"{key} must be an integer in [{min}, {max}]. Received: {Show(value)}.");
            return null;
        }

        public bool? Boolean(string key, JsonElement value)
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
            if (value.ValueKind == JsonValueKind.String && value.GetString() is "true" or "1") return true;
            if (value.ValueKind == JsonValueKind.String && value.GetString() is "false" or "0") return false;
            Fail(key, $"{key} must be true or false. Received: {Show(value)}.");
            return null;
        }

        /// <summary>An array of unit counts ([8, 8, 8]) or the URL's comma list ("8,8,8").</summary>
        public IReadOnlyList<int>? Hidden(string key, JsonElement value)
        {
            string expected = $"{key} must be 1 to {Limits.MaxHiddenLayers} hidden layers of 1 to {Limits.MaxUnits} units each, as [8, 8] or \"8,8\"";
            List<double?> items = value.ValueKind switch
            {
                JsonValueKind.Array => value.EnumerateArray().Select(ToNumber).ToList(),
                JsonValueKind.String => value.GetString()!.Split(',').Select(s => ParseNumber(s.Trim())).ToList(),
                _ => [null],
            };
            if (items.Count < 1 || items.Count > Limits.MaxHiddenLayers)
            {
                Fail(key, $"{expected}. Received: {items.Count} layers.");
                return null;
            }
            for (int l = 0; l < items.Count; l++)
                if (items[l] is not double units || units != Math.Floor(units) || units < 1 || units > Limits.MaxUnits)
                {
                    Fail(key, $"{expected}. Received: {Show(value)} (layer {l + 1}).");
                    return null;
                }
            return items.Select(u => (int)u!.Value).ToArray();
        }

        public PlaygroundConfig Unknown(string key, PlaygroundConfig config)
        {
            errors[key] = [$"Unknown key '{key}'; the keys are {string.Join(", ", Keys)} (case-sensitive)."];
            return config;
        }

        private void Fail(string key, string message) => errors[key] = [message];

        private static double? ToNumber(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out double x) ? x : null,
            JsonValueKind.String => ParseNumber(value.GetString()!),
            _ => null,
        };

        private static double? ParseNumber(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : null;

        /// <summary>The received value as the client wrote it, shortened.</summary>
        private static string Show(JsonElement value)
        {
            string raw = value.GetRawText();
            return raw.Length <= 40 ? raw : raw[..40] + "…";
        }
    }
}
