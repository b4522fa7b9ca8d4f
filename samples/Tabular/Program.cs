// Tabular data in a few lines: four real datasets from scikit-learn (data/README.md), each loaded from CSV, split 75/25,
// fitted with NeuralNetClassifier / NeuralNetRegressor's defaults and scored on the held-out quarter; or any CSV file:
//   dotnet run --project samples/Tabular -- --csv FILE --label COLUMN [--task classification|regression] [--test-fraction 0.25] [--seed N]
// Course concepts: feature scaling (fitted on the training rows only), a held-out test set, early stopping on a
// validation set, and the right metric for the task (accuracy for classes, R² for a regression).
using System.Diagnostics;
using System.Globalization;
using NeuralNet.Data;
using NeuralNet.Data.Csv;
using NeuralNet.Estimators;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    var settings = Settings.Parse(args);
    if (settings.Help)
    {
        Console.WriteLine(Settings.Usage);
        return 0;
    }
    if (settings.WriteSplits is { } folder) return WriteSplits(folder);
    return settings.Csv is null ? RunFour() : RunCsv(settings);
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException
                              or NeuralNet.Training.TrainingDivergedException)
{
    Console.Error.WriteLine($"error: {e.Message.Split(" (Parameter")[0]}");
    return 1;
}

// The four problems against the figures of issue 15 (scikit-learn's MLP, tuned, and the minimum to reach).
static int RunFour()
{
    string data = Path.Combine(AppContext.BaseDirectory, "data");
    // ScikitLearn: tuned, on the issue's own split. SameSplit: MLP defaults (max_iter 2000), mean of random_state 0–2, on
    // exactly this program's split (data/compare_sklearn.py with --write-splits).
    var problems = new (string Name, string Metric, Func<string, double> Run, double Required, double ScikitLearn, double SameSplit)[]
    {
        ("breast cancer", "accuracy", Problems.BreastCancer, 0.965, 0.971, 0.972),
        ("wine", "accuracy", Problems.Wine, 0.96, 0.991, 0.956),
        ("8×8 digits", "accuracy", Problems.Digits, 0.965, 0.975, 0.973),
        ("diabetes", "R²", Problems.Diabetes, 0.40, 0.435, 0.275),
    };
    Console.WriteLine("75/25 split (stratified for classes, seed 0), estimator defaults, seed 0");
    Console.WriteLine();
    Console.WriteLine($"{"problem",-14} {"metric",-9} {"NeuralNet",9} {"required",9} {"sklearn",9} {"same split",11} {"time",7}");
    Console.WriteLine(new string('-', 74));
    foreach (var p in problems)
    {
        var clock = Stopwatch.StartNew();
        double score = p.Run(data);
        Console.WriteLine($"{p.Name,-14} {p.Metric,-9} {score,9:F4} {p.Required,9:F3} {p.ScikitLearn,9:F3} {p.SameSplit,11:F3} {clock.Elapsed.TotalSeconds,6:F1}s{(score >= p.Required ? "" : "  below")}");
    }
    Console.WriteLine();
    Console.WriteLine("required: what issue 15 asks NeuralNet to reach; sklearn: scikit-learn's MLP, tuned, on the issue's split;");
    Console.WriteLine("same split: scikit-learn's MLP defaults on exactly these rows (data/compare_sklearn.py).");
    return 0;
}

// --write-splits DIR: the four problems' split (the same TrainTestSplit calls as Problems.cs), as row indices, for
// data/compare_sklearn.py, which fits scikit-learn's MLP on exactly these rows.
static int WriteSplits(string folder)
{
    Directory.CreateDirectory(folder);
    string data = Path.Combine(AppContext.BaseDirectory, "data");
    foreach (var (name, label, stratified) in new[] { ("breast-cancer", "diagnosis", true), ("wine", "cultivar", true), ("digits", "digit", true), ("diabetes", "progression", false) })
    {
        var table = CsvTable.Load(Path.Combine(data, name + ".csv"), label);
        var (train, test) = stratified ? TrainTestSplit.StratifiedIndices(table.Labels, 0.25, seed: 0) : TrainTestSplit.Indices(table.Count, 0.25, seed: 0);
        File.WriteAllLines(Path.Combine(folder, name + ".split"), [string.Join(",", train), string.Join(",", test)]);
    }
    Console.WriteLine($"wrote the four splits (line 1: training rows, line 2: test rows, 0-based) to {folder}");
    return 0;
}

// Any CSV file: the label column decides nothing by itself; --task does (default: classification).
static int RunCsv(Settings s)
{
    var table = CsvTable.Load(s.Csv!, s.Label!);
    if (s.Predict is { } modelPath)
        return Predict(modelPath, table, s.Task);
    Console.WriteLine($"{table}: {s.Task}, test fraction {s.TestFraction}, seed {s.Seed}");
    var options = new NeuralNetOptions { Seed = s.Seed };
    if (s.Task == "regression")
    {
        var split = TrainTestSplit.Split(table.Rows, table.NumericLabels(), s.TestFraction, s.Seed);
        var regressor = new NeuralNetRegressor(options).Fit(split.TrainRows, split.TrainLabels);
        Console.WriteLine($"{regressor}: {regressor.TrainingHistory!.Epochs.Count} epochs");
        if (s.Save is { } path) regressor.Save(path);
        Console.WriteLine($"test r2: {regressor.Score(split.TestRows, split.TestLabels):F4}");
    }
    else
    {
        var split = TrainTestSplit.Stratified(table.Rows, table.Labels, s.TestFraction, s.Seed);
        var classifier = new NeuralNetClassifier<string>(options).Fit(split.TrainRows, split.TrainLabels);
        Console.WriteLine($"{classifier}: {classifier.TrainingHistory!.Epochs.Count} epochs");
        if (s.Save is { } path) classifier.Save(path);
        Console.WriteLine($"test accuracy: {classifier.Score(split.TestRows, split.TestLabels):F4}");
    }
    return 0;
}

// --predict MODEL: a saved estimator, loaded in this new process, predicts every row of the CSV file (raw, unscaled
// rows: the scaler is inside the model file), one line per row; regression values in round-trip form ("R").
static int Predict(string modelPath, CsvTable table, string task)
{
    if (task == "regression")
        foreach (double value in NeuralNetRegressor.Load(modelPath).Predict(table.Rows))
            Console.WriteLine(value.ToString("R", CultureInfo.InvariantCulture));
    else
    {
        var classifier = NeuralNetClassifier<string>.Load(modelPath);
        var probabilities = classifier.PredictProbabilities(table.Rows);
        var labels = classifier.Predict(table.Rows);
        for (int i = 0; i < labels.Length; i++)
            Console.WriteLine($"{labels[i]} {string.Join(" ", probabilities[i].Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}");
    }
    return 0;
}

/// <summary>The command line: no options for the four problems, or --csv and --label for any file.</summary>
internal sealed record Settings(string? Csv, string? Label, string Task, double TestFraction, int Seed, bool Help,
    string? Save = null, string? Predict = null, string? WriteSplits = null)
{
    public const string Usage = """
        Usage: dotnet run --project samples/Tabular [-- OPTIONS]

        Without options: the four scikit-learn datasets in data/ (breast cancer, wine, 8×8 digits, diabetes), each
        fitted with the estimator defaults on a 75/25 split, in a table against issue 15's figures.

          --csv FILE                 train on any CSV file with a header row (every column numeric except the label)
          --label COLUMN             the label (target) column's name; required with --csv
          --task classification|regression   default classification
          --test-fraction F          share held out for the test, in (0, 1); default 0.25
          --seed N                   seed of the split and the estimator; default 0
          --save MODEL               with --csv: also save the fitted estimator (network, scaler, classes) to MODEL
          --predict MODEL            with --csv: load MODEL and print its prediction for every row (no training)
          --write-splits DIR         write the four problems' train/test row indices to DIR (for data/compare_sklearn.py)
          --help                     this text
        """;

    public static Settings Parse(string[] args)
    {
        var s = new Settings(null, null, "classification", 0.25, 0, false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value (see --help).");
            switch (args[i])
            {
                case "--csv": s = s with { Csv = Value() }; break;
                case "--label": s = s with { Label = Value() }; break;
                case "--task":
                    string task = Value();
                    if (task is not ("classification" or "regression"))
                        throw new ArgumentException($"--task must be classification or regression, not \"{task}\".");
                    s = s with { Task = task };
                    break;
                case "--test-fraction":
                    string f = Value();
                    if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction) || !(fraction > 0 && fraction < 1))
                        throw new ArgumentException($"--test-fraction must be a number strictly between 0 and 1, not \"{f}\".");
                    s = s with { TestFraction = fraction };
                    break;
                case "--seed":
                    string n = Value();
                    if (!int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed))
                        throw new ArgumentException($"--seed must be an integer, not \"{n}\".");
                    s = s with { Seed = seed };
                    break;
                case "--save": s = s with { Save = Value() }; break;
                case "--predict": s = s with { Predict = Value() }; break;
                case "--write-splits": s = s with { WriteSplits = Value() }; break;
                case "--help" or "-h": s = s with { Help = true }; break;
                default: throw new ArgumentException($"unknown option \"{args[i]}\" (see --help).");
            }
        }
        if ((s.Csv is null) != (s.Label is null) && !s.Help)
            throw new ArgumentException(s.Csv is null ? "--label needs --csv FILE." : "--csv needs --label COLUMN (the name of the label column).");
        return s;
    }
}
