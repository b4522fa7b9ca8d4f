using System.Text.Json.Nodes;
using NeuralNet.Serialization;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Data;
using NeuralNet.Training;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Issue 16: a bounded, seeded fuzz of the three file readers — model files, checkpoints and IDX files — with byte-level
/// mutations (flips, truncation, insertion) and structure-aware ones (a field replaced by a huge, negative, non-finite,
/// null or wrongly typed value, or removed). Every outcome must be a success or a documented exception.
/// </summary>
public class FuzzTests
{
    private static readonly JsonNode?[] Replacements =
    [
        0, -1, 1, 65536, int.MaxValue, -2147483648, 1e308, -1e308, 1e-320, 0.5, 1e300, "NaN", "Infinity", "", "x", true, null,
        new JsonArray(), new JsonObject(), new JsonArray(0, 0), new JsonArray(Enumerable.Range(0, 3000).Select(_ => (JsonNode?)0).ToArray()),
    ];

    /// <summary>Runs <paramref name="count"/> mutations of <paramref name="original"/> through <paramref name="read"/>; returns how many were rejected.</summary>
    private static int Fuzz(byte[] original, bool json, int count, int seed, string path, Action read, params Type[] allowed)
    {
        var random = new Random(seed);
        int rejected = 0;
        for (int i = 0; i < count; i++)
        {
            byte[] mutated = json && i % 2 == 0 ? MutateJson(original, random) : MutateBytes(original, random);
            File.WriteAllBytes(path, mutated);
            try
            {
                read();
            }
            catch (Exception e) when (allowed.Contains(e.GetType()))
            {
                rejected++;
                e.Message.ShouldNotBeNullOrWhiteSpace();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Mutation {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\n{System.Text.Encoding.UTF8.GetString(mutated)[..Math.Min(mutated.Length, 2000)]}\n{e}");
            }
        }
        return rejected;
    }

    private static byte[] MutateBytes(byte[] original, Random random)
    {
        var bytes = original.ToList();
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                default: bytes[at] = (byte)"0123456789-eE.,[]{}\":n"[random.Next(22)]; break;
            }
        }
        return bytes.ToArray();
    }

    private static byte[] MutateJson(byte[] original, Random random)
    {
        var root = JsonNode.Parse(original)!;
        var nodes = new List<JsonNode>();
        void Collect(JsonNode node)
        {
            nodes.Add(node);
            if (node is JsonObject o) foreach (var p in o) { if (p.Value is not null) Collect(p.Value); }
            else if (node is JsonArray a) foreach (var v in a.Take(4)) { if (v is not null) Collect(v); }
        }
        Collect(root);
        var target = nodes[random.Next(1, nodes.Count)];
        var parent = target.Parent!;
        var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        if (parent is JsonObject obj)
        {
            string name = target.GetPropertyName();
            if (random.Next(4) == 0) obj.Remove(name); else obj[name] = replacement;
        }
        else if (parent is JsonArray array)
        {
            int index = target.GetElementIndex();
            if (random.Next(4) == 0) array.RemoveAt(index); else array[index] = replacement;
        }
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static Network Model()
    {
        var network = new Network(new Layer(2, 3, new LeakyReLU(), batchNorm: true), new Layer(3, 2, new Softmax()));
        network.Initialize(3);
        return network;
    }

    [Fact]
    public void ModelFiles_MutatedFifteenHundredTimes_LoadOrThrowInvalidDataException()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.json");
        Model().Save(path);
        int rejected = Fuzz(File.ReadAllBytes(path), json: true, count: 1500, seed: 16, path, () => Network.Load(path), typeof(InvalidDataException));
        rejected.ShouldBeGreaterThan(750);
    }

    [Fact]
    public void Checkpoints_MutatedAThousandTimes_ResumeOrThrowADocumentedException()
    {
        using var dir = new TempDirectory();
        var x = TestData.Uniform(2, 12, seed: 1);
        var y = TestData.OneHot(2, 12, seed: 2);
        var options = new TrainerOptions
        {
            Epochs = 2, BatchSize = 4, LearningRate = 0.01, Optimizer = new Adam(), Loss = new CategoricalCrossEntropy(),
            EarlyStopping = new EarlyStopping(patience: 5), Checkpoints = new CheckpointOptions(dir.Path),
        };
        new Trainer(Model(), options).Train(x, y);
        string last = options.Checkpoints.LastPath;
        byte[] original = File.ReadAllBytes(last);
        var resumeOptions = options with { Checkpoints = null };   // resuming must not rewrite the history being fuzzed
        int rejected = Fuzz(original, json: true, count: 800, seed: 17, last,
            () => new Trainer(Model(), resumeOptions).Resume(last, x, y),
            typeof(InvalidDataException), typeof(InvalidOperationException));
        rejected.ShouldBeGreaterThan(400);

        File.WriteAllBytes(last, original);
        string history = Path.Combine(dir.Path, "history.jsonl");
        rejected = Fuzz(File.ReadAllBytes(history), json: false, count: 200, seed: 18, history,
            () => new Trainer(Model(), resumeOptions).Resume(last, x, y), typeof(InvalidDataException));
        rejected.ShouldBeGreaterThan(160);    // the chained hash sees any change to the epochs the checkpoint holds
    }

    [Fact]
    public void IdxFiles_MutatedNineHundredTimes_ReadOrThrowInvalidDataException()
    {
        using var dir = new TempDirectory();
        var pixels = new byte[5 * 4 * 4];
        new Random(5).NextBytes(pixels);
        IdxWriter.WriteImages(dir.File("images"), new IdxImages(5, 4, 4, pixels), gzip: false);
        IdxWriter.WriteLabels(dir.File("labels"), [1, 2, 3, 4, 9], gzip: false);
        IdxWriter.WriteImages(dir.File("images.gz"), new IdxImages(5, 4, 4, pixels), gzip: true);
        foreach (var (name, read) in new (string, Action<string>)[]
        {
            ("images", p => IdxReader.ReadImages(p)), ("labels", p => IdxReader.ReadLabels(p)), ("images.gz", p => IdxReader.ReadImages(p)),
        })
        {
            string path = dir.File(name), target = dir.File("fuzzed-" + name);
            int rejected = Fuzz(File.ReadAllBytes(path), json: false, count: 300, seed: name.Length, target, () => read(target), typeof(InvalidDataException));
            rejected.ShouldBeGreaterThan(150);
        }
    }
}
