using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Serialization;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Data;
using NeuralNet.Tests.Training;
using NeuralNet.Training;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Issue 16, items 3, 10 and 12: a checkpoint is validated whole and compared with the run before anything is applied;
/// corrupt fields are <see cref="InvalidDataException"/>s naming the file and the field; mismatches are
/// <see cref="InvalidOperationException"/>s naming the field, the saved and the given value; writing an epoch costs O(1).
/// </summary>
public class CheckpointValidationTests
{
    private static readonly MathNet.Numerics.LinearAlgebra.Matrix<double> X = ResumeTests.X, Y = ResumeTests.Y;

    /// <summary>Adam, early stopping with best weights, 3 epochs of 6 written.</summary>
    private static TrainerOptions Options(string folder) =>
        ResumeTests.Options(new Adam(), folder, new EarlyStopping(patience: 10, restoreBestWeights: true)) with { Epochs = 3, Schedule = null };

    private static (TempDirectory Dir, string Last) Written()
    {
        var dir = new TempDirectory();
        new Trainer(ResumeTests.NewNetwork(), Options(dir.Path)).Train(X, Y);
        return (dir, Path.Combine(dir.Path, "last.json"));
    }

    private static void Edit(string path, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        edit(root["training"]!);
        File.WriteAllText(path, root.ToJsonString());
    }

    /// <summary>Resumes into a fresh network; returns the exception and checks that the network was not touched.</summary>
    private static T ResumeFails<T>(string last, TrainerOptions options,
        MathNet.Numerics.LinearAlgebra.Matrix<double>? x = null, MathNet.Numerics.LinearAlgebra.Matrix<double>? y = null) where T : Exception
    {
        var network = ResumeTests.NewNetwork(seed: 99);
        var before = ResumeTests.Bits(network);
        var exception = Should.Throw<T>(() => new Trainer(network, options).Resume(last, x ?? X, y ?? Y));
        ResumeTests.Bits(network).ShouldBe(before);      // validated first, applied only after
        return exception;
    }

    [Theory]
    [InlineData("bestWeights NaN", "training.bestWeights[0].values[1] is NaN")]
    [InlineData("negative v", "(\"v\")[0] is -1, expected a second moment ≥ 0")]
    [InlineData("no optimizer", "training.optimizer is missing")]
    [InlineData("history null", "training.history[1] is null")]
    [InlineData("elapsed 1e300", "training.history[0].elapsedSeconds is 1E+300")]
    [InlineData("duplicate buffer", "a second buffer named \"m\"")]
    [InlineData("best epoch", "training.bestEpoch is 9, expected 1–3")]
    [InlineData("history hash", "training.historySha256 does not match")]
    [InlineData("no run", "training.run is missing")]
    public void Resume_OfACorruptCheckpoint_NamesTheFileAndTheFieldAndLeavesTheNetwork(string defect, string message)
    {
        var (dir, last) = Written();
        using var _ = dir;
        Edit(last, t =>
        {
            switch (defect)
            {
                case "bestWeights NaN": t["bestWeights"]![0]!["values"]![1] = "NaN"; break;
                case "negative v": t["optimizer"]!["parameters"]![0]!["buffers"]![1]!["values"]![0] = -1; break;
                case "no optimizer": t.AsObject().Remove("optimizer"); break;
                case "history null" or "elapsed 1e300":
                    var history = new JsonArray(File.ReadAllLines(Path.Combine(dir.Path, "history.jsonl")).Select(l => JsonNode.Parse(l)).ToArray());
                    if (defect == "history null") history[1] = null; else history[0]!["elapsedSeconds"] = 1e300;
                    t["history"] = history;
                    break;
                case "duplicate buffer": t["optimizer"]!["parameters"]![0]!["buffers"]![1]!["name"] = "m"; break;
                case "best epoch": t["bestEpoch"] = 9; break;
                case "history hash": t["historySha256"] = new string('0', 64); break;
                case "no run": t.AsObject().Remove("run"); break;
            }
        });
        var exception = ResumeFails<InvalidDataException>(last, Options(dir.Path));
        exception.Message.ShouldStartWith(last);
        exception.Message.ShouldContain(message);
    }

    [Fact]
    public void Resume_OfACheckpointWhoseHistoryLineWasChanged_IsRejected()
    {
        var (dir, last) = Written();
        using var _ = dir;
        string history = Path.Combine(dir.Path, "history.jsonl");
        var lines = File.ReadAllLines(history);
        lines[1] = lines[1].Replace("\"epoch\":2", "\"epoch\":2 ");
        File.WriteAllLines(history, lines);
        ResumeFails<InvalidDataException>(last, Options(dir.Path)).Message.ShouldContain("historySha256 does not match");
    }

    [Theory]
    [InlineData("LearningRate", "LearningRate = 0.05 but TrainerOptions.LearningRate = 0.1")]
    [InlineData("BatchSize", "BatchSize = 8 but TrainerOptions.BatchSize = 9")]
    [InlineData("Loss", "Loss = CategoricalCrossEntropy but TrainerOptions.Loss = MeanSquaredError")]
    [InlineData("Momentum", "Optimizer = Adam(beta1: 0.9, beta2: 0.999, epsilon: 1E-08) but TrainerOptions.Optimizer = Adam(beta1: 0.8")]
    [InlineData("WeightDecay", "WeightDecay = 0.001 but TrainerOptions.WeightDecay = 0")]
    [InlineData("Data", "trained on other data")]
    [InlineData("Data size", "trainingSamples = 41")]
    [InlineData("Validation", "validated on another set")]
    public void Resume_WithOtherSettingsOrData_NamesTheFieldWithBothValues(string change, string message)
    {
        var (dir, last) = Written();
        using var _ = dir;
        var options = Options(dir.Path);
        var (x, y) = (X, Y);
        options = change switch
        {
            "LearningRate" => options with { LearningRate = 0.1 },
            "BatchSize" => options with { BatchSize = 9 },
            "Loss" => options with { Loss = new MeanSquaredError() },
            "Momentum" => options with { Optimizer = new Adam(beta1: 0.8) },
            "WeightDecay" => options with { WeightDecay = 0 },
            _ => options,
        };
        if (change == "Data") { x = X.Clone(); x[2, 5] += 1e-9; }
        if (change == "Data size") (x, y) = (X.SubMatrix(0, X.RowCount, 0, 40), Y.SubMatrix(0, Y.RowCount, 0, 40));
        if (change == "Validation")
        {
            var network = ResumeTests.NewNetwork(seed: 99);
            var before = ResumeTests.Bits(network);
            Should.Throw<InvalidOperationException>(() => new Trainer(network, options).Resume(last, X, Y, ResumeTests.ValidationX, ResumeTests.ValidationY))
                .Message.ShouldContain(message);
            ResumeTests.Bits(network).ShouldBe(before);
            return;
        }
        var exception = ResumeFails<InvalidOperationException>(last, options, x, y);
        exception.Message.ShouldContain(last);
        exception.Message.ShouldContain(message);
    }

    [Fact]
    public void Resume_WithTheSameRun_StillWorksAfterTheChecks()
    {
        var (dir, last) = Written();
        using var _ = dir;
        var resumed = ResumeTests.NewNetwork(seed: 5);
        var history = new Trainer(resumed, Options(dir.Path) with { Epochs = 5 }).Resume(last, X, Y);
        history.Epochs.Select(e => e.Epoch).ShouldBe([1, 2, 3, 4, 5]);
        File.ReadAllLines(Path.Combine(dir.Path, "history.jsonl")).Length.ShouldBe(5);

        var straight = ResumeTests.NewNetwork();
        new Trainer(straight, Options(dir.Path + "-straight") with { Epochs = 5 }).Train(X, Y);
        ResumeTests.Bits(resumed).ShouldBe(ResumeTests.Bits(straight));
        Directory.Delete(dir.Path + "-straight", recursive: true);
    }

    // Item 10: a model saved with a UTF-8 byte-order mark was rejected as invalid JSON.
    [Fact]
    public void Load_OfAModelWithAByteOrderMark_Works()
    {
        using var dir = new TempDirectory();
        var network = ResumeTests.NewNetwork();
        network.Save(dir.File("model.json"));
        File.WriteAllText(dir.File("bom.json"), File.ReadAllText(dir.File("model.json")), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.ReadAllBytes(dir.File("bom.json"))[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        ResumeTests.Bits(Network.Load(dir.File("bom.json"))).ShouldBe(ResumeTests.Bits(network));
    }

    // Item 12: every checkpoint held the whole history, so a run of n epochs wrote O(n²) bytes.
    [Fact]
    public void Checkpoints_CostTheSameAtEveryEpoch()
    {
        using var dir = new TempDirectory();
        var sizes = new List<long>();
        var options = new TrainerOptions { Epochs = 120, BatchSize = 4, LearningRate = 0.5, Checkpoints = new CheckpointOptions(dir.Path), Seed = 1 };
        var network = new Network(new Layer(2, 3, new NeuralNet.Activations.Tanh()), new Layer(3, 1, new NeuralNet.Activations.Sigmoid()));
        network.Initialize(7);
        new Trainer(network, options).Train(TestData.Matrix(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } }), TestData.Row(0, 1, 1, 0),
            new SynchronousProgress<EpochReport>(r => sizes.Add(new FileInfo(options.Checkpoints.LastPath).Length)));

        sizes.Count.ShouldBe(120);
        (sizes[^1] - sizes[9]).ShouldBeLessThan(64);          // the checkpoint does not grow with the epochs (a few digits may)
        File.ReadAllLines(Path.Combine(dir.Path, "history.jsonl")).Length.ShouldBe(120);
    }
}
