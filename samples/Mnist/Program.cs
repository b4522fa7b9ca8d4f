// MNIST: handwritten digits, 8,000 for training and 2,000 held out for the test.
// Course concepts: one-hot targets, softmax + cross-entropy, mini-batch SGD, data augmentation, test accuracy.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuralNet;
using NeuralNet.Data;
using NeuralNet.Onnx;
using NeuralNet.Serialization;
using NeuralNet.Training;
using Spectre.Console;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;   // ∂, ᵀ, ⊙ and the table borders stay readable on Windows consoles too
var options = new MnistOptions();
var command = options.Command("Trains a feed-forward network on the MNIST subset in data/ and reports its test accuracy.");
if (SampleCommandLine.ParseOrExit(command, args, out var parsed) is { } exit) return exit;   // bad options: one line, exit 2
var settings = options.Read(parsed);
SampleCommandLine.ExitOnUnhandledException();   // also for exceptions on other threads
try
{
    return Run(settings);
}
catch (Exception e)      // anything unforeseen is still one line, never a stack trace
{
    return SampleCommandLine.Fail($"{e.GetType().Name}: {e.Message}");
}

static int Run(MnistSettings settings)
{
    // 0. Before any work, check that what we will write can be written: an hour of training must not end in a lost model.
    foreach (var (option, path) in new[] { ("--save", settings.SavePath), ("--export-onnx", settings.OnnxPath) })
    {
        if (path is null) continue;
        try
        {
            ModelFile.CheckWritable(path);
        }
        catch (IOException e)
        {
            return SampleCommandLine.Fail($"{option}: {e.Message}", SampleCommandLine.UsageError);
        }
    }

    // 1. Load the data: one column per sample, pixels scaled to [0, 1], one-hot targets.
    var (train, test) = MnistSubset.Load();
    if (settings.TrainCount < train.Count) train = train.Take(settings.TrainCount);
    Dataset monitor = test;
    string monitorName = "test";
    if (settings.Validation >= train.Count)
        return SampleCommandLine.Fail($"--validation must be smaller than the {train.Count} training digits. Received: {settings.Validation}.", SampleCommandLine.UsageError);
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
            if (network.InputSize != 784 || network.OutputSize != 10)
                return SampleCommandLine.Fail($"--load: {loadPath} holds {network}, which takes {network.InputSize} inputs and gives {network.OutputSize} outputs; this sample needs 784 pixels in and 10 digits out.");
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(network.ToString())}[/], {network.ParameterCount:N0} parameters, loaded from {Markup.Escape(loadPath)}");
            AnsiConsole.MarkupLine($"[grey]saved {metadata.Created:u} by NeuralNet {Markup.Escape(metadata.LibraryVersion ?? "?")}: {Markup.Escape(metadata.TrainingSummary ?? "")}[/]");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return SampleCommandLine.Fail($"--load: {e.Message}");
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
        var trainerOptions = settings.TrainerOptions();
        try
        {
            if (Console.IsOutputRedirected)      // a log file: one plain line per epoch, no live redraws
            {
                Console.WriteLine($"epoch  η  training-loss  {monitorName}-loss  {monitorName}-accuracy  time");
                trainer.Train(train, monitor, new OnEpoch<EpochReport>(r => Console.WriteLine(
                    $"{r.Epoch}/{settings.Epochs}  {r.LearningRate:G3}  {r.Loss:F4}  {r.ValidationLoss:F4}  {r.ValidationAccuracy:P2}  {r.Elapsed.TotalSeconds:F1} s")));
            }
            else
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
        }
        catch (TrainingDivergedException e)
        {
            return SampleCommandLine.Fail(e.Message);
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

    // A network whose units all saturated gives the same output for every digit: say so rather than end quietly at 10 %.
    if (Saturation(outputs) is { } saturated)
        Console.Error.WriteLine($"warning: {saturated}; its units saturated (try a smaller --learning-rate than {settings.LearningRate}).");

    // 5. Keep the model: a JSON file this sample (--load) and NeuralNet read back, and an ONNX file for other runtimes.
    //    If a save fails after training, the model is kept in the working folder (or the temporary folder) and the run fails.
    int status = 0;
    if (settings.SavePath is { } savePath && settings.LoadPath is null)
    {
        var metadata = new ModelInfo { Description = "MNIST digits, " + settings.Describe(), TrainingSummary = $"test accuracy {accuracy:F4}" };
        status |= SaveOrKeep.Write(savePath, "json", path => network.Save(path, metadata), "saved to");
    }
    if (settings.OnnxPath is { } onnxPath)
        status |= SaveOrKeep.Write(onnxPath, "onnx", path => network.ExportOnnx(path), "exported to", " (input: [[N, 784]] float64, one row per digit)");
    Console.WriteLine($"test accuracy: {accuracy:F4}");
    return status;
}

/// <summary>A description if every test digit gets (almost) the same output or the same predicted class; null otherwise.</summary>
static string? Saturation(MathNet.Numerics.LinearAlgebra.Matrix<double> outputs)
{
    double spread = 0;
    for (int r = 0; r < outputs.RowCount; r++)
    {
        var row = outputs.Row(r);
        spread = Math.Max(spread, row.Maximum() - row.Minimum());
    }
    if (spread < 1e-6) return $"the network gives the same output for all {outputs.ColumnCount:N0} test digits";
    var predicted = Enumerable.Range(0, outputs.ColumnCount).Select(c => outputs.Column(c).MaximumIndex()).Distinct().ToArray();
    return predicted.Length == 1 ? $"the network predicts {predicted[0]} for all {outputs.ColumnCount:N0} test digits" : null;
}

/// <summary>Calls back on the training thread, so the table updates in order.</summary>
sealed class OnEpoch<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
