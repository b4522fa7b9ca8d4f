using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Serialization;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Serialization;

public class ModelFileTests
{
    /// <summary>Every kind of layer: each activation with parameters, batch norm with trained running statistics, dropout.</summary>
    internal static Network EveryKindOfLayer()
    {
        var network = new Network(
            new Layer(4, 6, new LeakyReLU(0.03), batchNorm: true),
            new Layer(6, 5, new Elu(0.7), dropout: 0.25),
            new Layer(5, 5, new Softplus()),
            new Layer(5, 4, new Tanh(), batchNorm: true),
            new Layer(4, 4, new Sigmoid()),
            new Layer(4, 4, new ReLU()),
            new Layer(4, 3, new Identity()),
            new Layer(3, 3, new Softmax()));
        network.Initialize(seed: 5);
        var random = new Random(9);
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] += random.NextDouble() - 0.5;   // γ, β away from 1, 0
        var x = Matrix<double>.Build.Dense(4, 8, (i, j) => Math.Sin(3 * i + j));
        for (int step = 0; step < 3; step++) network.Forward(x, training: true);         // running statistics away from 0, 1
        return network;
    }

    private static void ShouldBeBitIdentical(Network actual, Network expected)
    {
        actual.ToString().ShouldBe(expected.ToString());
        for (int p = 0; p < expected.Parameters.Count; p++)
            actual.Parameters[p].Value.Select(BitConverter.DoubleToInt64Bits).ShouldBe(expected.Parameters[p].Value.Select(BitConverter.DoubleToInt64Bits));
        for (int l = 0; l < expected.Layers.Count; l++)
        {
            var (a, e) = (actual.Dense(l), expected.Dense(l));
            a.Dropout.ShouldBe(e.Dropout);
            a.BatchNorm.ShouldBe(e.BatchNorm);
            if (!e.BatchNorm) continue;
            a.RunningMean!.Select(BitConverter.DoubleToInt64Bits).ShouldBe(e.RunningMean!.Select(BitConverter.DoubleToInt64Bits));
            a.RunningVariance!.Select(BitConverter.DoubleToInt64Bits).ShouldBe(e.RunningVariance!.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void SaveThenLoad_GivesBitIdenticalNetworkAndPredictions()
    {
        using var dir = new TempDirectory();
        var network = EveryKindOfLayer();
        network.Save(dir.File("model.json"));
        var loaded = Network.Load(dir.File("model.json"));
        ShouldBeBitIdentical(loaded, network);
        ((LeakyReLU)loaded.Dense(0).Activation).Slope.ShouldBe(0.03);
        ((Elu)loaded.Dense(1).Activation).Alpha.ShouldBe(0.7);
        var x = Matrix<double>.Build.Dense(4, 5, (i, j) => Math.Cos(i * j + 1));
        loaded.Predict(x).ShouldBe(network.Predict(x));
    }

    [Fact]
    public void SaveThenLoad_KeepsSubnormalsNegativeZeroAndExtremes()
    {
        using var dir = new TempDirectory();
        var network = new Network(new Layer(3, 3, new Identity()));
        double[] special = [double.Epsilon, -0.0, 0.1, 1.0 / 3, double.MaxValue, -double.MinValue / 3, 2.2250738585072009e-308, -4.9e-324, 1e-5];
        special.CopyTo(network.Layers[0].Parameters[0].Value, 0);
        network.Dense(0).Biases[0] = -0.0;
        network.Dense(0).Biases[1] = 123456789.123456789;
        network.Save(dir.File("special.json"));
        var loaded = Network.Load(dir.File("special.json"));
        ShouldBeBitIdentical(loaded, network);
        BitConverter.DoubleToInt64Bits(loaded.Dense(0).Weights[1, 0]).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
    }

    [Fact]
    public void Save_WritesReadableVersionedJsonWithMetadata()
    {
        using var dir = new TempDirectory();
        var network = new Network(new Layer(2, 3, new LeakyReLU(0.2)), new Layer(3, 1, new Sigmoid()));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        network.Save(dir.File("m.json"), new ModelMetadata { Description = "xor, η = 0.5", TrainingSummary = "2000 epochs, loss 0.000079" });
        File.ReadAllText(dir.File("m.json")).ShouldContain("\"description\": \"xor, η = 0.5\"");   // UTF-8 text, not \u03B7
        var json = JsonNode.Parse(File.ReadAllText(dir.File("m.json")))!;
        json["format"]!.GetValue<string>().ShouldBe("NeuralNet.Network");
        json["formatVersion"]!.GetValue<int>().ShouldBe(ModelFile.FormatVersion);
        json["layers"]![0]!["activation"]!["name"]!.GetValue<string>().ShouldBe("LeakyReLU");
        json["layers"]![0]!["activation"]!["parameters"]!["slope"]!.GetValue<double>().ShouldBe(0.2);
        json["layers"]![0]!["weights"]!.AsArray().Count.ShouldBe(6);
        json["layers"]![0]!["weights"]![1]!.GetValue<double>().ShouldBe(network.Dense(0).Weights[0, 1]);   // row by row
        json["layers"]![0]!["weights"]![2]!.GetValue<double>().ShouldBe(network.Dense(0).Weights[1, 0]);

        Network.Load(dir.File("m.json"), out var metadata);
        metadata.Description.ShouldBe("xor, η = 0.5");
        metadata.TrainingSummary.ShouldBe("2000 epochs, loss 0.000079");
        metadata.FormatVersion.ShouldBe(1);
        metadata.LibraryVersion.ShouldNotBeNullOrEmpty();
        metadata.Created!.Value.ShouldBeGreaterThan(before);
    }

    [Fact]
    public void Save_FailingWriteLeavesThePreviousFileIntact()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.json");
        new Network(new Layer(2, 1, new Sigmoid())).Save(path);
        string before = File.ReadAllText(path);

        Should.Throw<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("No space left on device");          // a full disk half-way through the write
        }));
        File.ReadAllText(path).ShouldBe(before);
        Directory.GetFiles(dir.Path).ShouldBe([path]);                  // the temporary file is gone

        var diverged = new Network(new Layer(2, 1, new Sigmoid()));
        diverged.Dense(0).Weights[0, 1] = double.NaN;
        Should.Throw<InvalidOperationException>(() => diverged.Save(path)).Message.ShouldContain("layers[0].weights[1] is NaN");
        File.ReadAllText(path).ShouldBe(before);
        Network.Load(path).ShouldNotBeNull();
    }

    [Fact]
    public void Save_ReplacesAnExistingFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.json");
        new Network(new Layer(2, 1, new Sigmoid())).Save(path);
        new Network(new Layer(3, 2, new Tanh())).Save(path);
        Network.Load(path).ToString().ShouldBe("Network[3→2 Tanh]");
    }

    private static string Edit(TempDirectory dir, Action<JsonNode> edit)
    {
        string path = dir.File("model.json");
        var network = new Network(new Layer(784, 30, new Sigmoid()), new Layer(30, 10, new Softmax(), batchNorm: true));
        network.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData("formatVersion", "model.json: formatVersion is 2, but this library")]
    [InlineData("activation", "model.json: layers[1].activation.name \"Swish\" is not a known activation")]
    [InlineData("short weights", "model.json: layers[1].weights has 299 values, expected 10×30 = 300")]
    [InlineData("missing biases", "model.json: layers[0].biases is missing, expected 30 values")]
    [InlineData("NaN", "model.json: layers[0].biases[3] is NaN; every value must be finite")]
    [InlineData("missing gamma", "model.json: layers[1].gamma is missing")]
    [InlineData("negative variance", "model.json: layers[1].runningVariance[2] is -1, expected a variance ≥ 0")]
    [InlineData("sizes", "model.json: layers[1].inputs is 29, expected 30 (the outputs of layers[0])")]
    [InlineData("dropout", "model.json: layers[0].dropout is 1, expected a probability in [0, 1)")]
    [InlineData("leaky parameter", "model.json: layers[1].activation \"LeakyReLU\" needs the parameter 'slope'")]
    [InlineData("format", "model.json: format is \"Keras\", expected \"NeuralNet.Network\"")]
    [InlineData("no layers", "model.json: layers is missing")]
    public void Load_RejectsInvalidFieldsNamingFileAndField(string defect, string message)
    {
        using var dir = new TempDirectory();
        string path = Edit(dir, json =>
        {
            var layers = json["layers"]!.AsArray();
            switch (defect)
            {
                case "formatVersion": json["formatVersion"] = 2; break;
                case "activation": layers[1]!["activation"]!["name"] = "Swish"; break;
                case "short weights": layers[1]!["weights"]!.AsArray().RemoveAt(0); break;
                case "missing biases": layers[0]!.AsObject().Remove("biases"); break;
                case "NaN": layers[0]!["biases"]![3] = "NaN"; break;
                case "missing gamma": layers[1]!.AsObject().Remove("gamma"); break;
                case "negative variance": layers[1]!["runningVariance"]![2] = -1; break;
                case "sizes": layers[1]!["inputs"] = 29; break;
                case "dropout": layers[0]!["dropout"] = 1.0; break;
                case "leaky parameter": layers[1]!["activation"] = JsonNode.Parse("""{"name": "LeakyReLU", "parameters": {"alpha": 0.1}}"""); break;
                case "format": json["format"] = "Keras"; break;
                case "no layers": json.AsObject().Remove("layers"); break;
            }
        });
        var e = Should.Throw<InvalidDataException>(() => Network.Load(path));
        e.Message.ShouldStartWith(path.Replace("model.json", "") + message[..10]);
        e.Message.ShouldContain(message["model.json: ".Length..]);
    }

    [Fact]
    public void Load_RejectsTruncatedEmptyAndNonJsonFiles()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.json");
        new Network(new Layer(2, 1, new Sigmoid())).Save(path);
        string text = File.ReadAllText(path);

        File.WriteAllText(path, text[..(text.Length / 2)]);
        Should.Throw<InvalidDataException>(() => Network.Load(path)).Message.ShouldStartWith($"{path}: not a valid model file");
        File.WriteAllText(path, "");
        Should.Throw<InvalidDataException>(() => Network.Load(path)).Message.ShouldBe($"{path}: the file is empty");
        File.WriteAllText(path, "PK\u0003\u0004 this is a zip file");
        Should.Throw<InvalidDataException>(() => Network.Load(path)).Message.ShouldStartWith($"{path}: not a valid model file");
        File.WriteAllText(path, "null");
        Should.Throw<InvalidDataException>(() => Network.Load(path)).Message.ShouldContain("null");
        File.WriteAllText(path, text.Replace("\"inputs\": 2", "\"inputs\": \"two\""));
        Should.Throw<InvalidDataException>(() => Network.Load(path)).Message.ShouldContain("layers[0].inputs");
    }
}
