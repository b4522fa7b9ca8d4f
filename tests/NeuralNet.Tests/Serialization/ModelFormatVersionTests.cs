using NeuralNet.Serialization;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Serialization;

/// <summary>Format version 2 (the estimator section) reads version-1 files; ModelInfo replaces ModelMetadata, which still works.</summary>
public class ModelFormatVersionTests
{
    /// <summary>Written by the library at 128a70e (format version 1): 3→4 ReLU→2 softmax, XavierUniform, seed 42.</summary>
    private static readonly string VersionOneFile = Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "model-format-v1.json");

    [Fact]
    public void Load_ReadsAFileWrittenInFormatVersion1()
    {
        File.ReadAllText(VersionOneFile).ShouldContain("\"formatVersion\": 1,");
        var network = Network.Load(VersionOneFile, out ModelInfo info);
        network.ToString().ShouldBe("Network[3→4 ReLU, 4→2 Softmax]");
        info.FormatVersion.ShouldBe(1);
        info.Description.ShouldBe("format version 1 fixture: 3→4 ReLU→2 softmax, XavierUniform seed 42");
        var expected = new Network(new Layer(3, 4, new NeuralNet.Activations.ReLU()), new Layer(4, 2, new NeuralNet.Activations.Softmax()));
        expected.Initialize(new NeuralNet.Initializers.XavierUniform(), seed: 42);
        for (int p = 0; p < expected.Parameters.Count; p++)
            network.Parameters[p].Value.ShouldBe(expected.Parameters[p].Value);    // the same weights, bit for bit
    }

    [Fact]
    public void Save_WritesFormatVersion2()
    {
        using var dir = new TempDirectory();
        var network = new Network(new Layer(2, 1, new NeuralNet.Activations.Sigmoid()));
        network.Save(dir.File("m.json"));
        File.ReadAllText(dir.File("m.json")).ShouldContain("\"formatVersion\": 2,");
        ModelFile.FormatVersion.ShouldBe(2);
        ModelFile.OldestFormatVersion.ShouldBe(1);
    }

    [Fact]
    public void Load_RejectsAFutureVersion_NamingTheVersionsItReads()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("m.json"), File.ReadAllText(VersionOneFile).Replace("\"formatVersion\": 1,", "\"formatVersion\": 3,"));
        Should.Throw<InvalidDataException>(() => Network.Load(dir.File("m.json"))).Message.ShouldContain($"formatVersion is 3, but this library (NeuralNet {typeof(Network).Assembly.GetName().Version}) reads versions 1 to 2");
    }

    [Fact]
    public void ModelInfo_RoundTrips_AndOutVarPicksIt()
    {
        using var dir = new TempDirectory();
        var network = new Network(new Layer(2, 1, new NeuralNet.Activations.Sigmoid()));
        network.Save(dir.File("m.json"), new ModelInfo { Description = "d", TrainingSummary = "t" });
        Network.Load(dir.File("m.json"), out var info);
        info.ShouldBeOfType<ModelInfo>();
        (info.Description, info.TrainingSummary, info.FormatVersion).ShouldBe(("d", "t", 2));
    }

#pragma warning disable CS0618   // the obsolete name must keep working for one minor version
    [Fact]
    public void ObsoleteModelMetadata_StillSavesAndLoads()
    {
        using var dir = new TempDirectory();
        var network = new Network(new Layer(2, 1, new NeuralNet.Activations.Sigmoid()));
        network.Save(dir.File("m.json"), new ModelMetadata { Description = "old name" });
        Network.Load(dir.File("m.json"), out ModelMetadata metadata);
        metadata.Description.ShouldBe("old name");
        typeof(ModelMetadata).GetCustomAttributes(typeof(ObsoleteAttribute), false).ShouldNotBeEmpty();
    }
#pragma warning restore CS0618
}
