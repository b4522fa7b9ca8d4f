using System.Text.Json;
using NeuralNet.Data;
using NeuralNet.Training;
using Playground;
using static NeuralNet.Playground.Tests.Api;

namespace NeuralNet.Playground.Tests;

/// <summary>GET /api/sessions/{id}/events and the controls: what the page receives, snapshot by snapshot.</summary>
public sealed class EventStreamTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    private static readonly object DeepSigmoid = new { dataset = "spiral", activation = "sigmoid", init = "lecun", hidden = new[] { 8, 8, 8, 8, 8 }, points = 200 };

    [Fact]
    public async Task TheFirstSnapshot_IsEpochZeroWithEveryLayerAndNoGradientYet()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, DeepSigmoid);

        var first = (await ReadSnapshots(client, id, _ => true)).Single();

        Epoch(first).ShouldBe(0);
        first.GetProperty("playing").GetBoolean().ShouldBeFalse();
        first.GetProperty("trainLoss").ValueKind.ShouldBe(JsonValueKind.Null);
        var layers = first.GetProperty("layers").EnumerateArray().ToArray();
        layers.Length.ShouldBe(6);                                            // 5 hidden + the output
        layers.Select(l => l.GetProperty("isOutput").GetBoolean()).ShouldBe([false, false, false, false, false, true]);
        layers[0].GetProperty("biasGradientNorm").ValueKind.ShouldBe(JsonValueKind.Null);
        layers[0].GetProperty("weights").GetArrayLength().ShouldBe(8);        // W¹ is 8 × 2
        layers[0].GetProperty("weights")[0].GetArrayLength().ShouldBe(2);
        Convert.FromBase64String(layers[0].GetProperty("heatmaps").GetString()!).Length.ShouldBe(8 * 12 * 12);
        Convert.FromBase64String(layers[5].GetProperty("heatmaps").GetString()!).Length.ShouldBe(24 * 24);
        await client.DeleteAsync($"/api/sessions/{id}");
    }

    [Fact]
    public async Task Step_SendsEpochOne_WhoseNumbersAreTheTrainersEpochReportBitForBit()
    {
        var config = new PlaygroundConfig { Dataset = "moons", Hidden = [6, 5], Activation = "relu", Points = 120, BatchSize = 16, Seed = 11 };
        var client = factory.CreateClient();
        string id = await CreateSession(client, config.ToDictionary());

        var snapshots = await ReadSnapshots(client, id, s => Epoch(s) == 1, onOpen: () => Command(client, id, "step"));
        var streamed = snapshots[^1];

        // the same experiment, trained by hand with the library
        var network = Experiment.BuildNetwork(config);
        var (train, test) = ToyDatasets.GenerateSplit(ToyDataset.Moons, 120, 0, 0.5, 11);
        var report = new Trainer(network, Experiment.TrainerOptionsFor(config, new NeuralNet.Optimizers.Sgd(), epoch: 1))
            .Train(train.Inputs, LabelRow(train), test.Inputs, LabelRow(test)).Epochs[0];

        streamed.GetProperty("trainLoss").GetDouble().ShouldBe(report.Loss);                  // exact: JSON round-trips doubles
        streamed.GetProperty("testLoss").GetDouble().ShouldBe(report.ValidationLoss!.Value);
        streamed.GetProperty("testAccuracy").GetDouble().ShouldBe(report.ValidationAccuracy!.Value);
        var layers = streamed.GetProperty("layers").EnumerateArray().ToArray();
        for (int l = 0; l < 3; l++)
        {
            layers[l].GetProperty("biasGradientNorm").GetDouble().ShouldBe(report.Layers[l].BiasGradientNorm);
            layers[l].GetProperty("weightGradientNorm").GetDouble().ShouldBe(report.Layers[l].WeightGradientNorm);
            layers[l].GetProperty("saturatedFraction").GetDouble().ShouldBe(report.Layers[l].SaturatedFraction);
            layers[l].GetProperty("deadFraction").GetDouble().ShouldBe(report.Layers[l].DeadFraction);
            layers[l].GetProperty("weightNorm").GetDouble().ShouldBe(((Layer)network.Layers[l]).Weights.FrobeniusNorm());
        }
        await client.DeleteAsync($"/api/sessions/{id}");
    }

    [Fact]
    public async Task Play_StreamsAdvancingEpochs_PauseHoldsThem_ResetGoesBackToTheSameStart()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, DeepSigmoid);

        var playing = await ReadSnapshots(client, id, s => Epoch(s) >= 5, onOpen: () => Command(client, id, "play"));
        var epochs = playing.Select(Epoch).ToArray();
        epochs.ShouldBe(epochs.Order());                                      // never backwards
        playing[^1].GetProperty("playing").GetBoolean().ShouldBeTrue();
        playing[^1].GetProperty("trainLoss").GetDouble().ShouldBeGreaterThan(0);

        await Command(client, id, "pause");
        var paused = await ReadSnapshots(client, id, s => !s.GetProperty("playing").GetBoolean());
        int heldAt = Epoch(paused[^1]);
        await Task.Delay(200);                                                // ten frames of the test's frame interval
        Epoch((await ReadSnapshots(client, id, _ => true))[0]).ShouldBe(heldAt);

        await Command(client, id, "reset");
        var reset = await ReadSnapshots(client, id, s => Epoch(s) == 0);
        reset[^1].GetProperty("layers")[0].GetProperty("weights").GetRawText()
            .ShouldBe(playing[0].GetProperty("layers")[0].GetProperty("weights").GetRawText());    // same seed, same initial W¹
        await client.DeleteAsync($"/api/sessions/{id}");
    }

    [Fact]
    public async Task Sessions_AreIndependent_PlayingOneLeavesAnotherAtEpochZero()
    {
        var client = factory.CreateClient();
        string a = await CreateSession(client, DeepSigmoid), b = await CreateSession(client, DeepSigmoid);

        await ReadSnapshots(client, a, s => Epoch(s) >= 3, onOpen: () => Command(client, a, "play"));

        Epoch((await ReadSnapshots(client, b, _ => true))[0]).ShouldBe(0);
        await client.DeleteAsync($"/api/sessions/{a}");
        await client.DeleteAsync($"/api/sessions/{b}");
    }

    [Fact]
    public async Task ADivergingRun_StopsAndSaysWhy()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, new { dataset = "xor", activation = "relu", init = "normal", hidden = new[] { 32, 32, 32, 32 }, learningRate = 10, points = 100, optimizer = "momentum" });

        var snapshots = await ReadSnapshots(client, id, s => s.GetProperty("error").ValueKind == JsonValueKind.String,
            onOpen: () => Command(client, id, "play"));

        snapshots[^1].GetProperty("error").GetString()!.ShouldContain("Lower the learning rate, or reset.");
        snapshots[^1].GetProperty("playing").GetBoolean().ShouldBeFalse();
        await client.DeleteAsync($"/api/sessions/{id}");
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<double> LabelRow(Dataset data) => data.Targets.SubMatrix(1, 1, 0, data.Count);
}
