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
    if (settings.SelectAlpha) return SelectAlpha();
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
    var problems = new (string Name, string Metric, Func<string, double> Run, string Option, double Required, double ScikitLearn, double SameSplit)[]
    {
        ("breast cancer", "accuracy", Problems.BreastCancer, "defaults", 0.965, 0.971, 0.972),
        ("wine", "accuracy", Problems.Wine, $"Alpha {Problems.WineAlpha:G}", 0.96, 0.991, 0.956),
        ("8×8 digits", "accuracy", Problems.Digits, "defaults", 0.965, 0.975, 0.973),
        ("diabetes", "R²", Problems.Diabetes, $"Alpha {Problems.DiabetesAlpha:G}", 0.40, 0.435, 0.275),
    };
    Console.WriteLine("75/25 split (stratified for classes, seed 0), estimator seed 0");
    Console.WriteLine();
    Console.WriteLine($"{"problem",-14} {"metric",-9} {"options",-10} {"NeuralNet",9} {"required",9} {"sklearn",9} {"same split",11} {"time",7}");
    Console.WriteLine(new string('-', 85));
    int missed = 0;
    foreach (var p in problems)
    {
        var clock = Stopwatch.StartNew();
        double score = p.Run(data);
        bool reached = score >= p.Required;
        if (!reached) missed++;
        Console.WriteLine($"{p.Name,-14} {p.Metric,-9} {p.Option,-10} {score,9:F4} {p.Required,9:F3} {p.ScikitLearn,9:F3} {p.SameSplit,11:F3} {clock.Elapsed.TotalSeconds,6:F1}s{(reached ? "" : "  MISSED")}");
    }
    Console.WriteLine();
    Console.WriteLine("options: the estimator defaults, or the one option set (Alpha: chosen by 5-fold cross-validation on the");
    Console.WriteLine("training rows, --select-alpha); required: what issue 15 asks NeuralNet to reach; sklearn: scikit-learn's MLP,");
    Console.WriteLine("tuned, on the issue's split; same split: scikit-learn's MLP defaults on exactly these rows (data/compare_sklearn.py).");
    Console.WriteLine(missed == 0 ? "Every problem reaches issue 15's minimum." : $"{missed} of {problems.Length} problems {(missed == 1 ? "misses" : "miss")} issue 15's minimum on this split (MISSED).");
    // Measured once with data/compare_sklearn.py --ceiling on this split's rows (README, "Diabetes: what the split allows").
    Console.WriteLine("On this diabetes split no standard regressor reaches R² 0.40: least squares 0.365, the best of seven 0.368.");
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

// --select-alpha: the L2 penalty of wine and diabetes (Problems.WineAlpha, DiabetesAlpha) by 5-fold cross-validation on
// the training rows of the seed-0 split (stratified folds for classes); the test rows are never used. Prints the mean
// fold score of each α of a grid fixed in advance; the largest mean is the choice.
static int SelectAlpha()
{
    string data = Path.Combine(AppContext.BaseDirectory, "data");
    double[] grid = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 30, 100, 300, 1000];
    foreach (var (name, label, regression) in new[] { ("wine", "cultivar", false), ("diabetes", "progression", true) })
    {
        var table = CsvTable.Load(Path.Combine(data, name + ".csv"), label);
        int[] train = regression ? TrainTestSplit.Indices(table.Count, 0.25, seed: 0).Train : TrainTestSplit.StratifiedIndices(table.Labels, 0.25, seed: 0).Train;
        // Fold of each training row: shuffled within each class (one group for a regression), then dealt round-robin.
        const int k = 5;
        var fold = new int[train.Length];
        var random = new Random(123);
        int next = 0;
        foreach (var group in Enumerable.Range(0, train.Length).GroupBy(i => regression ? "" : table.Labels[train[i]]).Select(g => g.ToArray()))
        {
            random.Shuffle(group);
            foreach (int i in group) fold[i] = next++ % k;
        }
        double[] y = regression ? table.NumericLabels() : [];
        foreach (double alpha in grid)
        {
            var options = new NeuralNetOptions { Alpha = alpha };
            var scores = new double[k];
            for (int f = 0; f < k; f++)
            {
                int[] fit = train.Where((_, i) => fold[i] != f).ToArray(), held = train.Where((_, i) => fold[i] == f).ToArray();
                double[][] Rows(int[] rows) => rows.Select(r => table.Rows[r]).ToArray();
                scores[f] = regression
                    ? new NeuralNetRegressor(options).Fit(Rows(fit), fit.Select(r => y[r]).ToArray()).Score(Rows(held), held.Select(r => y[r]).ToArray())
                    : new NeuralNetClassifier<string>(options).Fit(Rows(fit), fit.Select(r => table.Labels[r]).ToArray()).Score(Rows(held), held.Select(r => table.Labels[r]).ToArray());
            }
            Console.WriteLine($"{name,-9} alpha {alpha,-7:G} mean {scores.Average():F4}  folds {string.Join(" ", scores.Select(v => v.ToString("F3")))}");
        }
    }
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
    string? Save = null, string? Predict = null, string? WriteSplits = null, bool SelectAlpha = false)
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
          --select-alpha             cross-validate the L2 penalty Alpha of wine and diabetes on their training rows
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
                case "--select-alpha": s = s with { SelectAlpha = true }; break;
                case "--help" or "-h": s = s with { Help = true }; break;
                default: throw new ArgumentException($"unknown option \"{args[i]}\" (see --help).");
            }
        }
        if ((s.Csv is null) != (s.Label is null) && !s.Help)
            throw new ArgumentException(s.Csv is null ? "--label needs --csv FILE." : "--csv needs --label COLUMN (the name of the label column).");
        return s;
    }
}
