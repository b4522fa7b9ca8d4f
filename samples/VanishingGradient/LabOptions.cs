using System.CommandLine;
using System.Globalization;
using NeuralNet.Data;

namespace VanishingGradient;

/// <summary>The lab's command line; every option has a default, and a bad value gives a one-line error naming what was received.</summary>
public sealed class LabOptions
{
    readonly Option<string> _depths = new("--depths") { Description = "Numbers of hidden layers to measure at initialisation, comma-separated, each 2 to 5; the deepest is also trained", DefaultValueFactory = _ => "2,3,4" };
    readonly Option<string> _configs = new("--configs")
    {
        Description = "Configurations to compare, comma-separated, each activation[+initialiser][+bn][@η]: activation sigmoid, tanh, relu or leakyrelu; " +
            "initialiser standard, lecun, xavier or he (default: xavier for sigmoid/tanh, he for the ReLU family); +bn for batch normalisation; @η for its own learning rate",
        DefaultValueFactory = _ => string.Join(",", Configuration.Defaults.Select(c => c.Key)),
    };
    readonly Option<int> _seeds = new Option<int>("--seeds") { Description = "Random initialisations averaged at initialisation (mean ± sd)", DefaultValueFactory = _ => 10 }.Between(1, 100);
    readonly Option<int> _sample = new Option<int>("--sample") { Description = "Training digits whose average gradient is measured at initialisation (Nielsen: 1,000)", DefaultValueFactory = _ => Nielsen.SampleSize }.Between(2, MnistSubset.TrainCount);
    readonly Option<int> _epochs = new Option<int>("--epochs") { Description = "Training epochs per configuration (0: measure at initialisation only)", DefaultValueFactory = _ => 20 }.Between(0, 1000);
    readonly Option<int> _train = new Option<int>("--train") { Description = "Training digits used for training (the first N of the subset)", DefaultValueFactory = _ => MnistSubset.TrainCount }.Between(2, MnistSubset.TrainCount);
    readonly Option<int> _batchSize = new Option<int>("--batch-size") { Description = "Samples per mini-batch (Nielsen: 10)", DefaultValueFactory = _ => 10 }.Between(2, MnistSubset.TrainCount);
    readonly Option<double> _learningRate = new Option<double>("--learning-rate") { Description = "Learning rate η of plain SGD for every configuration without its own @η (Nielsen: 0.1)", DefaultValueFactory = _ => 0.1 }
        .Between(0, false, double.PositiveInfinity, false);
    readonly Option<int> _seed = new Option<int>("--seed") { Description = "First seed: initialisations use seed, seed+1, …; training uses seed", DefaultValueFactory = _ => 0 }.Between(int.MinValue, int.MaxValue - 100);
    readonly Option<string> _output = new("--output") { Description = "Folder for the plots (PNG and SVG), created if needed", DefaultValueFactory = _ => Path.Combine("out", "vanishing-gradient") };

    /// <summary>The root command with every option and its validation.</summary>
    public RootCommand Command(string description)
    {
        var command = new RootCommand(description) { _depths, _configs, _seeds, _sample, _epochs, _train, _batchSize, _learningRate, _seed, _output };
        _depths.Validators.Add(r => { if (ParseDepths(r.GetValueOrDefault<string>() ?? "") is null) r.AddError($"--depths must be numbers of hidden layers from 2 to 5 separated by commas, e.g. 2,3,4. Received: '{r.GetValueOrDefault<string>()}'."); });
        _configs.Validators.Add(r => { if (ParseConfigurations(r.GetValueOrDefault<string>() ?? "", out string why) is null) r.AddError($"--configs: {why}. Received: '{r.GetValueOrDefault<string>()}'."); });
        _output.Validators.Add(r =>
        {
            string? output = r.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(output)) r.AddError("--output must name a folder. Received: an empty string.");
            else if (File.Exists(output)) r.AddError($"--output must name a folder, but '{output}' is a file.");
        });
        return command;
    }

    /// <summary>The settings of a parse result without errors.</summary>
    public LabSettings Read(ParseResult p) => new(
        ParseDepths(p.GetValue(_depths)!)!, ParseConfigurations(p.GetValue(_configs)!, out _)!, p.GetValue(_seeds), p.GetValue(_sample),
        p.GetValue(_epochs), p.GetValue(_train), p.GetValue(_batchSize), p.GetValue(_learningRate), p.GetValue(_seed), p.GetValue(_output)!);

    static int[]? ParseDepths(string text)
    {
        var depths = new SortedSet<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int depth) || depth is < 2 or > 5) return null;
            depths.Add(depth);
        }
        return depths.ToArray();
    }

    static Configuration[]? ParseConfigurations(string text, out string error)
    {
        error = "";
        var configurations = new List<Configuration>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0) { error = "expected a comma-separated list of configurations such as sigmoid+lecun,relu+he"; return null; }
            var configuration = Configuration.TryParse(part, out error);
            if (configuration is null) return null;
            if (!configurations.Contains(configuration)) configurations.Add(configuration);
        }
        return configurations.ToArray();
    }
}

/// <summary>The parsed settings of one run of the lab.</summary>
public sealed record LabSettings(int[] Depths, Configuration[] Configurations, int Seeds, int Sample, int Epochs, int TrainCount,
    int BatchSize, double LearningRate, int Seed, string Output)
{
    /// <summary>The depth that is trained: the deepest one measured.</summary>
    public int TrainedDepth => Depths.Max();

    /// <summary>The settings every configuration is trained with.</summary>
    public TrainingSettings Training => new(Epochs, BatchSize, LearningRate, Seed);
}
