// The vanishing-gradient lab: Nielsen's chapter-5 measurement, then the same deep network with other activations,
// initialisers and batch normalisation, at initialisation and during training. Guide: docs/vanishing-gradients.md.
// Course concepts: BP2 multiplies δ by Wᵀ and σ′(z) once per layer, σ′ ≤ ¼, saturation, dead ReLUs, Xavier and He
// initialisation, batch normalisation.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuralNet.Data;
using Spectre.Console;
using VanishingGradient;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;   // ∂, ᵀ, ⊙ and the table borders stay readable on Windows consoles too
// Redirected to a file or a pipe, Spectre.Console assumes 80 columns and would wrap the wide tables: give it room.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
var options = new LabOptions();
var command = options.Command("Measures how fast each hidden layer of a deep network learns, for sigmoid, tanh, ReLU and leaky ReLU units, " +
    "several initialisers and batch normalisation; prints tables and writes plots.");
if (SampleCommandLine.ParseOrExit(command, args, out var parsed) is { } exit) return exit;   // --help, or a bad option: one line, exit 2
var settings = options.Read(parsed);
if (SampleCommandLine.CreateFolderOrExit("--output", settings.Output) is { } failed) return failed;   // before minutes of measuring
SampleCommandLine.ExitOnUnhandledException();   // a failure while running: one line, exit 1
var clock = Stopwatch.StartNew();

// 1. The data: Nielsen measured the gradient of the cost over the first 1,000 training digits, as one batch.
var (train, test) = MnistSubset.Load();
var sample = train.Take(settings.Sample);
train = train.Take(settings.TrainCount);
AnsiConsole.MarkupLine($"[grey]measuring on the first {sample.Count:N0} training digits with {settings.Seeds} random initialisations (seeds {settings.Seed}…{settings.Seed + settings.Seeds - 1}); " +
    $"cost: cross-entropy on 10 sigmoid outputs, as Nielsen's network2.py[/]");

// 2. Nielsen's measurement: sigmoid units, weights N(0, 1/n_in), biases N(0, 1). ‖∂C/∂bˡ‖ = ‖δˡ‖ averaged over the digits is
//    layer l's "speed of learning"; BP2, δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), shrinks it by σ′ ≤ ¼ at every step towards the input.
var nielsen = new Configuration("sigmoid", "lecun", false);
int widest = settings.Depths.Max();
var book = new Table().Border(TableBorder.Rounded)
    .Title("1. Nielsen, chapter 5: ‖∂C/∂b‖ per hidden layer at initialisation, sigmoid + LeCun")
    .AddColumn("network").AddColumn("");
for (int l = 1; l <= widest; l++) book.AddColumn(new TableColumn($"hidden {l}").RightAligned());
book.AddColumn(new TableColumn("first/last").RightAligned());
foreach (int depth in settings.Depths)
{
    var ours = Experiments.MeasureAtInitialisation(nielsen, depth, sample, settings.Seeds, settings.Seed);
    var cells = new List<string> { Shape(depth), "ours" };
    cells.AddRange(Enumerable.Range(0, widest).Select(l => l < depth ? $"{ours.Mean[l]:0.0000}\n[grey]±{ours.StandardDeviation[l]:0.0000}[/]" : ""));
    cells.Add(Ratio(ours.FirstToLastRatio));
    book.AddRow(cells.ToArray());
    var his = Nielsen.SpeedsOfLearning(depth);
    cells = ["", "Nielsen"];
    cells.AddRange(Enumerable.Range(0, widest).Select(l => his is not null && l < depth ? $"{his[l]:0.000}" : ""));
    cells.Add(his is null ? "[grey]–[/]" : Ratio(his[0] / his[^1]));
    book.AddRow(cells.ToArray());
}
AnsiConsole.Write(book);
AnsiConsole.MarkupLine($"[grey]ours: mean ± sd over {settings.Seeds} initialisations; Nielsen: the book's numbers, one initialisation each. " +
    "first/last: hidden layer 1 over the last hidden layer (ours: geometric mean over the seeds).[/]");

// 3. The same measurement for every configuration: do tanh, ReLU, a better initialiser or batch norm stop the vanishing?
//    (η plays no part at initialisation, so configurations that differ only in η are measured once.)
var measured = settings.Configurations.Select(c => c with { LearningRate = null }).Distinct().ToArray();
var compare = new Table().Border(TableBorder.Rounded)
    .Title("2. ‖∂C/∂b‖ per hidden layer at initialisation (mean over seeds)")
    .AddColumn("configuration");
for (int l = 1; l <= widest; l++) compare.AddColumn(new TableColumn($"hidden {l}").RightAligned());
compare.AddColumn(new TableColumn("first/last").RightAligned());
var deepest = new List<InitialGradients>();
var initial = new List<InitialGradients>();
foreach (int depth in settings.Depths)
{
    compare.AddRow(new[] { $"[bold]{Shape(depth)}[/]" }.Concat(Enumerable.Repeat("", widest + 1)).ToArray());
    foreach (var configuration in measured)
    {
        var result = Experiments.MeasureAtInitialisation(configuration, depth, sample, settings.Seeds, settings.Seed);
        initial.Add(result);
        if (depth == widest) deepest.Add(result);
        var cells = new List<string> { Markup.Escape(configuration.Name) };
        cells.AddRange(Enumerable.Range(0, widest).Select(l => l < depth ? $"{result.Mean[l]:0.0000}" : ""));
        cells.Add(Ratio(result.FirstToLastRatio));
        compare.AddRow(cells.ToArray());
    }
}
AnsiConsole.Write(compare);
AnsiConsole.MarkupLine("[grey]first/last: [red]< 0.1[/]: the first hidden layer learns over 10× slower than the last; [yellow]0.1–0.5[/]; [green]≥ 0.5[/]: comparable.[/]");
if (measured.Any(c => c.BatchNorm))
    AnsiConsole.MarkupLine("[grey]With batch norm the column shows ‖∂C/∂β‖ (β replaces b). Below another batch-normalised layer it is small for another reason: " +
        "that layer subtracts its batch mean, which undoes most of any shift that β makes; table 3's measure is honest there. See docs/vanishing-gradients.md.[/]");

// 3. A measure that means the same for every configuration: ‖∂C/∂W‖/‖W‖, the size of a gradient step relative to the weights.
var relative = new Table().Border(TableBorder.Rounded)
    .Title("3. ‖∂C/∂W‖/‖W‖ per hidden layer at initialisation (mean over seeds)")
    .AddColumn("configuration");
for (int l = 1; l <= widest; l++) relative.AddColumn(new TableColumn($"hidden {l}").RightAligned());
relative.AddColumn(new TableColumn("first/last").RightAligned());
foreach (var group in initial.GroupBy(r => r.HiddenLayers))
{
    relative.AddRow(new[] { $"[bold]{Shape(group.Key)}[/]" }.Concat(Enumerable.Repeat("", widest + 1)).ToArray());
    foreach (var result in group)
    {
        var cells = new List<string> { Markup.Escape(result.Configuration.Name) };
        cells.AddRange(Enumerable.Range(0, widest).Select(l => l < group.Key ? $"{result.MeanWeightRatio[l]:0.00e+0}" : ""));
        cells.Add(Ratio(result.WeightRatioFirstToLast));
        relative.AddRow(cells.ToArray());
    }
}
AnsiConsole.Write(relative);
AnsiConsole.MarkupLine("[grey]first/last: hidden layer 1's ratio over the last hidden layer's (geometric mean over the seeds). Layer 1 has 784 inputs, so its " +
    "‖∂C/∂W‖ sums more terms: a ratio above 1 is normal where nothing vanishes.[/]");

Directory.CreateDirectory(settings.Output);
var written = new List<string>();
Figures.UseBundledFont();
written.AddRange(Figures.InitialGradients(deepest, settings.Output));
written.Add(Results.InitialGradients(initial, settings.Seed, settings.Output));

// 4. Training: every configuration with the same plain SGD, cost and data (two at a time on two cores); each epoch's report
//    holds, per layer, the mean ‖∂C/∂b‖ over its mini-batches, the saturated and dead fractions, and the test accuracy.
//    Then Glorot & Bengio's experiment: sigmoid and tanh networks whose activations are watched as they train.
if (settings.Epochs > 0)
{
    AnsiConsole.MarkupLine($"[grey]training {Shape(widest)} on {train.Count:N0} digits, {settings.Epochs} epochs, plain SGD, batch {settings.BatchSize}, " +
        $"η = {settings.LearningRate} unless given, seed {settings.Seed}; test accuracy on {test.Count:N0} held-out digits[/]");
    var runs = new TrainingRun[settings.Configurations.Length];
    var gate = new object();
    Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
    {
        var watch = Stopwatch.StartNew();
        runs[i] = Experiments.Train(settings.Configurations[i], widest, train, test, settings.Training);
        lock (gate)
            AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(runs[i].Configuration.Name)}: {runs[i].Diverged ?? "trained"} in {watch.Elapsed.TotalSeconds:F1} s[/]");
    });

    var summary = new Table().Border(TableBorder.Rounded)
        .Title($"4. Training {Shape(widest)}, {settings.Epochs} epochs")
        .AddColumn("configuration")
        .AddColumn(new TableColumn("accuracy\nepoch 1").RightAligned()).AddColumn(new TableColumn("accuracy\nlast").RightAligned())
        .AddColumn(new TableColumn("first/last\nepoch 1").RightAligned()).AddColumn(new TableColumn("first/last\nlast").RightAligned())
        .AddColumn(new TableColumn("saturated\nlast").RightAligned()).AddColumn(new TableColumn("dead\nlast").RightAligned());
    foreach (var run in runs)
    {
        if (run.Epochs.Count == 0)
        {
            summary.AddRow(Markup.Escape(run.Configuration.Name), $"[red]{run.Diverged}[/]", "", "", "", "", "");
            continue;
        }
        var first = run.Hidden.First();
        var last = run.Hidden.Last();
        summary.AddRow(Markup.Escape(run.Configuration.Name),
            $"{run.Epochs[0].ValidationAccuracy:P1}", run.Diverged is null ? $"{run.Epochs[^1].ValidationAccuracy:P1}" : $"[red]{run.Diverged}[/]",
            Ratio(first[0].BiasGradientNorm / first[^1].BiasGradientNorm), Ratio(last[0].BiasGradientNorm / last[^1].BiasGradientNorm),
            run.Configuration.Saturates ? $"{last.Average(l => l.SaturatedFraction):P0}" : "[grey]–[/]",
            run.Configuration.CanDie ? $"{last.Average(l => l.DeadFraction):P0}" : "[grey]–[/]");
    }
    AnsiConsole.Write(summary);
    AnsiConsole.MarkupLine("[grey]accuracy: on the test digits after the epoch. first/last: mean ‖∂C/∂b‖ over the epoch's mini-batches, hidden layer 1 over the last hidden layer " +
        "(n/a: a gradient is 0 because every unit of a layer is dead). saturated: share of hidden outputs in f's flat part; dead: share of hidden units that gave 0 " +
        "for every digit of the epoch (ReLU only: leaky ReLU's output is never 0 for z ≠ 0, so its units cannot die).[/]");

    written.AddRange(Figures.GradientNorms(runs, settings.Output));
    written.AddRange(Figures.Saturation(runs, settings.Output));
    written.AddRange(Figures.DeadUnits(runs, settings.Output));
    written.AddRange(Figures.Accuracy(runs, settings.Output));
    written.AddRange(Results.Training(runs, settings.Training, settings.Output));

    // 5. Glorot & Bengio (2010), Figures 2 and 3: the hidden layers' activations during training, sigmoid and tanh.
    var watched = new ActivationsRun[2];
    Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
        i => watched[i] = GlorotBengio.Run(i == 0 ? "sigmoid" : "tanh", train, test, settings.Training));
    var glorot = new Table().Border(TableBorder.Rounded)
        .Title($"5. Glorot & Bengio (2010), Figs. 2–3: activations of [[784, 100×{GlorotBengio.HiddenLayers}, 10 softmax]] on {GlorotBengio.ProbeCount} test digits")
        .AddColumn("network").AddColumn("hidden layer").AddColumn(new TableColumn("start").RightAligned()).AddColumn(new TableColumn("lowest (epoch)").RightAligned())
        .AddColumn(new TableColumn("highest (epoch)").RightAligned()).AddColumn(new TableColumn("end").RightAligned())
        .AddColumn(new TableColumn("saturated from\n(98th pct > 0.95)").RightAligned());
    foreach (var run in watched)
    {
        bool sigmoid = run.Activation == "sigmoid";
        for (int l = 0; l < GlorotBengio.HiddenLayers; l++)
        {
            // sigmoid: the mean activation (Fig. 2); tanh: the 98th percentile (Fig. 3), near 1 once the layer saturates.
            double[] v = run.Snapshots.Select(s => sigmoid ? s.Mean[l] : s.Percentile98[l]).ToArray();
            int lo = Array.IndexOf(v, v.Min()), hi = Array.IndexOf(v, v.Max());
            glorot.AddRow(l == 0 ? $"{run.Activation} ({(sigmoid ? "mean" : "98th percentile")}), test {run.TestAccuracy:P1}" : "", $"{l + 1}", $"{v[0]:0.000}",
                $"{v[lo]:0.000} ({run.Snapshots[lo].Epoch:0.###})", $"{v[hi]:0.000} ({run.Snapshots[hi].Epoch:0.###})", $"{v[^1]:0.000}",
                sigmoid ? "[grey]–[/]" : run.Snapshots.FirstOrDefault(s => s.Percentile98[l] > 0.95) is { } first ? $"epoch {first.Epoch:0.###}" : "never");
        }
    }
    AnsiConsole.Write(glorot);
    AnsiConsole.MarkupLine("[grey]Glorot & Bengio: with sigmoid units the top hidden layer is driven to 0 early and recovers only slowly; with tanh the layers " +
        "saturate one after another, starting with layer 1. docs/vanishing-gradients.md compares their findings with these. Epochs are ours: 800 updates each.[/]");
    written.AddRange(Figures.ActivationsDuringTraining(watched, settings.Output));
    written.Add(Results.Activations(watched, settings.Output));
}

AnsiConsole.MarkupLine($"[grey]done in {clock.Elapsed.TotalSeconds:F0} s; {written.Count} plots and tables (PNG, SVG, CSV, JSON) written to[/] [bold]{Markup.Escape(Path.GetFullPath(settings.Output))}[/]");
foreach (var file in written) AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(Path.GetFileName(file))}[/]");
return 0;

static string Shape(int hiddenLayers) => $"[[784, {string.Join(", ", Enumerable.Repeat(30, hiddenLayers))}, 10]]";

static string Ratio(double ratio) =>
    !double.IsFinite(ratio) ? "[grey]n/a[/]" : $"[{(ratio < 0.1 ? "red" : ratio < 0.5 ? "yellow" : "green")}]{ratio:0.000}[/]";
