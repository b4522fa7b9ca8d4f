using System.CommandLine;
using System.Globalization;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

/// <summary>The command line of the MNIST sample; every option has a default that gives the recipe in the README.</summary>
sealed class MnistOptions
{
    /// <summary>The largest network the sample builds: 50 million parameters (400 MB of weights, about 2 GB while training).</summary>
    public const long MaxParameters = 50_000_000;

    readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "Passes over the training set", DefaultValueFactory = _ => 20 }.Between(1, 100_000);
    readonly Option<int> _batchSize = new Option<int>("--batch-size") { Description = "Samples per mini-batch (m)", DefaultValueFactory = _ => 32 }.Between(1, 1_000_000);
    readonly Option<double> _learningRate = new Option<double>("--learning-rate") { Description = "Learning rate η at the first epoch", DefaultValueFactory = _ => 0.2 }
        .Between(0, false, double.PositiveInfinity, false);
    readonly Option<string> _hidden = new("--hidden") { Description = "Hidden layer sizes, comma-separated, e.g. 100,30", DefaultValueFactory = _ => "256" };
    readonly Option<string> _activation = new Option<string>("--activation") { Description = "Hidden activation", DefaultValueFactory = _ => "relu" }
        .AcceptOnlyFromAmong("sigmoid", "tanh", "relu", "leakyrelu");
    readonly Option<string> _loss = new Option<string>("--loss") { Description = "cce: softmax output + cross-entropy; mse or bce: sigmoid outputs", DefaultValueFactory = _ => "cce" }
        .AcceptOnlyFromAmong("cce", "mse", "bce");
    readonly Option<string> _initializer = new Option<string>("--initializer") { Description = "Weight initialiser (default: He for ReLU, Xavier otherwise)", DefaultValueFactory = _ => "default" }
        .AcceptOnlyFromAmong("default", "standard", "lecun", "xavier", "he");
    readonly Option<string> _optimizer = new Option<string>("--optimizer") { Description = "Update rule", DefaultValueFactory = _ => "sgd" }
        .AcceptOnlyFromAmong("sgd", "adam");
    readonly Option<double> _momentum = new Option<double>("--momentum") { Description = "SGD momentum μ", DefaultValueFactory = _ => 0.0 }.Between(0, true, 1, false);
    readonly Option<double> _weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay λ", DefaultValueFactory = _ => 0.0 }
        .Between(0, true, double.PositiveInfinity, false);
    readonly Option<string> _schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule over the epochs", DefaultValueFactory = _ => "cosine" }
        .AcceptOnlyFromAmong("constant", "cosine", "step");
    readonly Option<int> _shift = new Option<int>("--shift") { Description = "Augmentation: shift each training digit by up to this many pixels (0: off)", DefaultValueFactory = _ => 1 }.Between(0, 4);
    readonly Option<int> _seed = new Option<int>("--seed") { Description = "Seed for initialisation, shuffling and augmentation", DefaultValueFactory = _ => 0 }.Between(int.MinValue, int.MaxValue);
    readonly Option<int> _validation = new Option<int>("--validation") { Description = "Hold out this many training digits to watch instead of the test set (0: watch the test set, as Nielsen's network.py does)", DefaultValueFactory = _ => 0 }
        .Between(0, MnistSubset.TrainCount - 1);
    readonly Option<string?> _save = new Option<string?>("--save") { Description = "After training, save the network to this JSON file (e.g. model.json)" }.NonEmptyPath();
    readonly Option<string?> _load = new Option<string?>("--load") { Description = "Skip training: load the network from this JSON file and evaluate it on the test digits" }.ExistingFile();
    readonly Option<string?> _exportOnnx = new Option<string?>("--export-onnx") { Description = "Also export the network as an ONNX model to this file (e.g. model.onnx)" }.NonEmptyPath();
    readonly Option<int> _train = new Option<int>("--train") { Description = "Use only the first N training digits", DefaultValueFactory = _ => MnistSubset.TrainCount }.Between(1, int.MaxValue);

    public RootCommand Command(string description)
    {
        var command = new RootCommand(description)
        {
            _epochs, _batchSize, _learningRate, _hidden, _activation, _loss, _initializer, _optimizer,
            _momentum, _weightDecay, _schedule, _shift, _seed, _validation, _train, _save, _load, _exportOnnx,
        };
        _hidden.CustomParser = r =>
        {
            string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (ParseSizes(text) is not { } sizes)
                r.AddError($"--hidden must be positive sizes separated by commas, e.g. 100,30. Received: '{text}'.");
            else if (Parameters(sizes) > MaxParameters)
                r.AddError($"--hidden {text} would need {Parameters(sizes):N0} parameters; this sample builds at most {MaxParameters:N0}. Received: '{text}'.");
            return text;
        };
        command.Validators.Add(r =>         // options that must agree with each other
        {
            if (r.GetResult(_validation) is not { } given || given.Implicit) return;
            int validation, train;
            try
            {
                validation = given.GetValueOrDefault<int>();
                train = r.GetResult(_train) is { Implicit: false } t ? t.GetValueOrDefault<int>() : MnistSubset.TrainCount;
            }
            catch (InvalidOperationException)
            {
                return;     // one of them did not parse: that error is reported already
            }
            if (validation >= train)
                r.AddError($"--validation must be smaller than --train, so that some digits are left to train on. Received: --validation {validation} --train {train}.");
        });
        return command;
    }

    public MnistSettings Read(ParseResult p) => new(
        p.GetValue(_epochs), p.GetValue(_batchSize), p.GetValue(_learningRate), ParseSizes(p.GetValue(_hidden)!)!,
        p.GetValue(_activation)!, p.GetValue(_loss)!, p.GetValue(_initializer)!, p.GetValue(_optimizer)!, p.GetValue(_momentum),
        p.GetValue(_weightDecay), p.GetValue(_schedule)!, p.GetValue(_shift), p.GetValue(_seed), p.GetValue(_validation), p.GetValue(_train),
        p.GetValue(_save), p.GetValue(_load), p.GetValue(_exportOnnx));

    /// <summary>Weights and biases of 784 → sizes… → 10, without overflow.</summary>
    static long Parameters(int[] sizes)
    {
        long total = 0, inputs = 784;
        foreach (long size in sizes.Append(10)) (total, inputs) = (total + inputs * size + size, size);
        return total;
    }

    static int[]? ParseSizes(string text)
    {
        if (text.Trim().Length == 0) return [];   // no hidden layer: softmax regression
        var sizes = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) || size <= 0) return null;
            sizes.Add(size);
        }
        return sizes.ToArray();
    }
}

/// <summary>The parsed settings, and how they turn into a network and trainer options.</summary>
sealed record MnistSettings(
    int Epochs, int BatchSize, double LearningRate, int[] Hidden, string Activation, string Loss, string Initializer,
    string Optimizer, double Momentum, double WeightDecay, string Schedule, int Shift, int Seed, int Validation, int TrainCount,
    string? SavePath, string? LoadPath, string? OnnxPath)
{
    public Network BuildNetwork()
    {
        var layers = new List<Layer>();
        int inputs = 784;
        foreach (int size in Hidden)
        {
            layers.Add(new Layer(inputs, size, HiddenActivation()));
            inputs = size;
        }
        layers.Add(new Layer(inputs, 10, Loss == "cce" ? new Softmax() : new Sigmoid()));
        var network = new Network(layers);
        if (Initializer == "default") network.Initialize(Seed);
        else network.Initialize(Initializer switch
        {
            "standard" => new StandardNormal(),
            "lecun" => new LeCunNormal(),
            "xavier" => new XavierUniform(),
            _ => (IInitializer)new HeNormal(),
        }, Seed);
        return network;
    }

    public TrainerOptions TrainerOptions() => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        Loss = Loss switch { "cce" => new CategoricalCrossEntropy(), "bce" => new BinaryCrossEntropy(), _ => (ILoss)new MeanSquaredError() },
        Optimizer = Optimizer == "adam" ? new Adam() : new Sgd(Momentum),
        WeightDecay = WeightDecay,
        Schedule = Schedule switch { "cosine" => new CosineDecay(), "step" => new StepDecay(Math.Max(1, Epochs / 3)), _ => null },
        Augmentation = Shift > 0 ? new RandomShift(28, 28, Shift) : null,
        Seed = Seed,
    };

    public string Describe() =>
        $"loss {Loss}, {(Optimizer == "adam" ? "Adam" : Momentum > 0 ? $"SGD with momentum {Momentum}" : "plain SGD")}, η = {LearningRate} ({Schedule}), " +
        $"batch {BatchSize}, {Epochs} epochs, weight decay {WeightDecay}, " +
        (Shift > 0 ? $"random shifts of up to {Shift} px" : "no augmentation") + $", seed {Seed}";

    IActivation HiddenActivation() => Activation switch
    {
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "leakyrelu" => new LeakyReLU(),
        _ => new ReLU(),
    };
}
