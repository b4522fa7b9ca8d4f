using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Initializers;

namespace VanishingGradient;

/// <summary>
/// One way to build the deep network: the hidden activation f, the weight initialiser, and whether the hidden layers
/// use batch normalisation. Written on the command line as <c>activation[+initialiser][+bn]</c>, e.g. <c>sigmoid+lecun</c>,
/// <c>relu+he</c>, <c>sigmoid+lecun+bn</c>; without an initialiser the fitting one is used (Xavier for sigmoid and tanh,
/// He for the ReLU family). A suffix <c>@η</c> trains this configuration with its own learning rate, e.g. <c>relu+he@0.5</c>.
/// </summary>
/// <param name="Activation">sigmoid, tanh, relu or leakyrelu.</param>
/// <param name="Initializer">standard (N(0, 1)), lecun (Nielsen's default, N(0, 1/n_in)), xavier or he.</param>
/// <param name="BatchNorm">Normalise every hidden layer's W·x over the mini-batch (Ioffe &amp; Szegedy 2015).</param>
/// <param name="LearningRate">η for training this configuration, or null for the lab's common η.</param>
public sealed record Configuration(string Activation, string Initializer, bool BatchNorm, double? LearningRate = null)
{
    /// <summary>The accepted activation names.</summary>
    public static readonly string[] Activations = ["sigmoid", "tanh", "relu", "leakyrelu"];

    /// <summary>The accepted initialiser names.</summary>
    public static readonly string[] Initializers = ["standard", "lecun", "xavier", "he"];

    /// <summary>Width of every hidden layer, as in Nielsen's chapter 5.</summary>
    public const int HiddenWidth = 30;

    /// <summary>
    /// The configurations the lab runs by default: Nielsen's network, the same network with a better initialiser,
    /// tanh, ReLU and leaky ReLU with their fitting initialisers, Nielsen's network with batch normalisation, and
    /// ReLU with three times the learning rate (η = 0.3), where most of its units die.
    /// </summary>
    public static IReadOnlyList<Configuration> Defaults { get; } =
    [
        new("sigmoid", "lecun", false),
        new("sigmoid", "xavier", false),
        new("tanh", "xavier", false),
        new("relu", "he", false),
        new("leakyrelu", "he", false),
        new("sigmoid", "lecun", true),
        new("relu", "he", false, 0.3),
    ];

    /// <summary>Reads <c>activation[+initialiser][+bn]</c>; returns null (and why in <paramref name="error"/>) if it is not one.</summary>
    public static Configuration? TryParse(string text, out string error)
    {
        error = "";
        text = text.Trim().ToLowerInvariant();
        double? learningRate = null;
        int at = text.IndexOf('@');
        if (at >= 0)
        {
            if (!double.TryParse(text[(at + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double eta) || !(eta > 0) || double.IsInfinity(eta))
            {
                error = $"the learning rate after '@' in '{text}' must be a positive number";
                return null;
            }
            learningRate = eta;
            text = text[..at];
        }
        var parts = text.Split('+', StringSplitOptions.TrimEntries);
        string activation = parts[0];
        if (!Activations.Contains(activation))
        {
            error = $"unknown activation '{activation}' (expected one of {string.Join(", ", Activations)})";
            return null;
        }
        string? initializer = null;
        bool batchNorm = false;
        foreach (var part in parts.Skip(1))
        {
            if (part == "bn" && !batchNorm) batchNorm = true;
            else if (Initializers.Contains(part) && initializer is null) initializer = part;
            else
            {
                error = $"'{part}' in '{text.Trim()}' is neither an initialiser ({string.Join(", ", Initializers)}) nor bn, or is given twice";
                return null;
            }
        }
        return new Configuration(activation, initializer ?? FittingInitializer(activation), batchNorm, learningRate);
    }

    /// <summary>Xavier for the saturating activations (Glorot &amp; Bengio 2010), He for the ReLU family (He et al. 2015).</summary>
    public static string FittingInitializer(string activation) => activation is "relu" or "leakyrelu" ? "he" : "xavier";

    /// <summary>The name used in tables and legends, e.g. "sigmoid + LeCun + BN".</summary>
    public string Name =>
        $"{ActivationName} + {Initializer switch { "standard" => "N(0,1)", "lecun" => "LeCun", "xavier" => "Xavier", _ => "He" }}" +
        (BatchNorm ? " + BN" : "") + (LearningRate is { } eta ? $", η = {eta.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");

    /// <summary>The command-line form, e.g. "sigmoid+lecun+bn" or "relu+he@0.5".</summary>
    public string Key => $"{Activation}+{Initializer}" + (BatchNorm ? "+bn" : "") +
        (LearningRate is { } eta ? "@" + eta.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    /// <summary>Whether the hidden activation has flat regions (sigmoid, tanh) rather than a dead region (ReLU family).</summary>
    public bool Saturates => Activation is "sigmoid" or "tanh";

    /// <summary>Whether a unit can die, i.e. output exactly 0 for every input: ReLU. (Leaky ReLU outputs 0.01·z &lt; 0 for z &lt; 0,
    /// so its dead share is 0 by construction.)</summary>
    public bool CanDie => Activation == "relu";

    private string ActivationName => Activation switch
    {
        "sigmoid" => "sigmoid",
        "tanh" => "tanh",
        "relu" => "ReLU",
        _ => "leaky ReLU",
    };

    /// <summary>A new instance of the hidden activation f.</summary>
    public IActivation CreateActivation() => Activation switch
    {
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new ReLU(),
        _ => new LeakyReLU(),
    };

    /// <summary>The weight initialiser (applied to every layer, the output layer included, as Nielsen's network2.py does).</summary>
    public IInitializer CreateInitializer() => Initializer switch
    {
        "standard" => new StandardNormal(),
        "lecun" => new LeCunNormal(),
        "xavier" => new XavierUniform(),
        _ => new HeNormal(),
    };

    /// <summary>
    /// [784, 30, …, 30, 10]: <paramref name="hiddenLayers"/> hidden layers of <see cref="HiddenWidth"/> units with this
    /// configuration, and 10 sigmoid outputs (Nielsen's output layer, used with the cross-entropy cost), initialised from <paramref name="seed"/>.
    /// </summary>
    public Network Build(int hiddenLayers, int seed, int inputs = 784, int outputs = 10)
    {
        var layers = new List<Layer>();
        for (int l = 0; l < hiddenLayers; l++)
            layers.Add(new Layer(l == 0 ? inputs : HiddenWidth, HiddenWidth, CreateActivation(), batchNorm: BatchNorm));
        layers.Add(new Layer(hiddenLayers == 0 ? inputs : HiddenWidth, outputs, new Sigmoid()));
        var network = new Network(layers);
        network.Initialize(CreateInitializer(), seed);
        return network;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
