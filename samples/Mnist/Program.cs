// MNIST: handwritten digits, 8,000 for training and 2,000 held out for the test.
// Course concepts: one-hot targets, softmax + cross-entropy, mini-batch SGD, data augmentation, test accuracy.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuralNet;
using NeuralNet.Data;
using NeuralNet.Onnx;
using NeuralNet.Serialization;
using NeuralNet.Training;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = new MnistOptions();
var command = options.Command("Trains a feed-forward network on the MNIST subset in data/ and reports its test accuracy.");
var parsed = command.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine();
    command.Parse("--help").Invoke();
    return 2;
}
if (parsed.Action is not null) return parsed.Invoke();   // --help, --version
var settings = options.Read(parsed);

// 1. Load the data: one column per sample, pixels scaled to [0, 1], one-hot targets.
var (train, test) = MnistSubset.Load();
if (settings.TrainCount < train.Count) train = train.Take(settings.TrainCount);
Dataset monitor = test;
string monitorName = "test";
if (settings.Validation > 0)   // hold out part of the training set to watch instead of the test set
{
    (monitor, train) = train.Shuffle(settings.Seed).Split(settings.Validation);
    monitorName = "validation";
}

// 2. Build the network and say what it is, or load a saved one (--load) and skip training.
Network network;
var clock = Stopwatch.StartNew();
if (settings.LoadPath is { } loadPath)
{
    try
    {
        network = Network.Load(loadPath, out var metadata);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(network.ToString())}[/], {network.ParameterCount:N0} parameters, loaded from {Markup.Escape(loadPath)}");
        AnsiConsole.MarkupLine($"[grey]saved {metadata.Created:u} by NeuralNet {Markup.Escape(metadata.LibraryVersion ?? "?")}: {Markup.Escape(metadata.TrainingSummary ?? "")}[/]");
    }
    catch (Exception e) when (e is InvalidDataException or IOException)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return 1;
    }
}
else
{
    network = settings.BuildNetwork();
    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(network.ToString())}[/], {network.ParameterCount:N0} parameters");
    AnsiConsole.MarkupLine($"[grey]{Markup.Escape(settings.Describe())}[/]");
    AnsiConsole.MarkupLine($"[grey]training on {train.Count:N0} digits, watching {monitor.Count:N0} {monitorName} digits[/]");

    // 3. Train, drawing one table row per epoch as it ends.
    var trainer = new Trainer(network, settings.TrainerOptions());
    var table = new Table().Border(TableBorder.Rounded)
        .AddColumn("epoch").AddColumn(new TableColumn("η").RightAligned()).AddColumn(new TableColumn("training loss").RightAligned())
        .AddColumn(new TableColumn($"{monitorName} loss").RightAligned()).AddColumn(new TableColumn($"{monitorName} accuracy").RightAligned())
        .AddColumn(new TableColumn("time").RightAligned());
    try
    {
        AnsiConsole.Live(table).Start(live =>
        {
            trainer.Train(train, monitor, new OnEpoch<EpochReport>(r =>
            {
                table.AddRow($"{r.Epoch}/{settings.Epochs}", $"{r.LearningRate:G3}", $"{r.Loss:F4}", $"{r.ValidationLoss:F4}",
                    $"{r.ValidationAccuracy:P2}", $"{r.Elapsed.TotalSeconds:F1} s");
                live.Refresh();
            }));
        });
    }
    catch (TrainingDivergedException e)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return 1;
    }
}
clock.Stop();

// 4. Evaluate on the held-out test digits: accuracy and which digits get confused with which.
var outputs = network.Predict(test.Inputs);
var confusion = Evaluation.ConfusionMatrix(outputs, test.Labels, 10);
var matrix = new Table().Border(TableBorder.Simple).Title("confusion matrix (rows: true digit, columns: predicted)");
matrix.AddColumn("");
for (int d = 0; d < 10; d++) matrix.AddColumn(new TableColumn($"{d}").RightAligned());
matrix.AddColumn(new TableColumn("recall").RightAligned());
for (int t = 0; t < 10; t++)
{
    var cells = new List<string> { $"[bold]{t}[/]" };
    int total = 0;
    for (int p = 0; p < 10; p++) total += confusion[t, p];
    for (int p = 0; p < 10; p++)
        cells.Add(confusion[t, p] == 0 ? "[grey]·[/]" : p == t ? $"[green]{confusion[t, p]}[/]" : $"[red]{confusion[t, p]}[/]");
    cells.Add($"{(double)confusion[t, t] / total:P1}");
    matrix.AddRow(cells.ToArray());
}
AnsiConsole.Write(matrix);
double accuracy = Evaluation.Accuracy(outputs, test.Labels);
if (settings.LoadPath is null) AnsiConsole.MarkupLine($"[grey]trained in {clock.Elapsed.TotalSeconds:F1} s[/]");

// 5. Keep the model: a JSON file this sample (--load) and NeuralNet read back, and an ONNX file for other runtimes.
if (settings.SavePath is { } savePath && settings.LoadPath is null)
{
    network.Save(savePath, new ModelMetadata { Description = "MNIST digits, " + settings.Describe(), TrainingSummary = $"test accuracy {accuracy:F4}" });
    AnsiConsole.MarkupLine($"[grey]saved to {Markup.Escape(savePath)}[/]");
}
if (settings.OnnxPath is { } onnxPath)
{
    network.ExportOnnx(onnxPath);
    AnsiConsole.MarkupLine($"[grey]exported to {Markup.Escape(onnxPath)} (input: [[N, 784]] float64, one row per digit)[/]");
}
Console.WriteLine($"test accuracy: {accuracy:F4}");
return 0;

/// <summary>Calls back on the training thread, so the table updates in order.</summary>
sealed class OnEpoch<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
