using MathNet.Numerics.LinearAlgebra;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Onnx;
using NeuralNet.Tests.Data;
using NeuralNet.Tests.Serialization;

namespace NeuralNet.Tests.Onnx;

/// <summary>The exported graph, run by ONNX Runtime (CPU), gives Predict's outputs to 1e-9, with rows and columns swapped.</summary>
public class OnnxExporterTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Runs the model on X (n_in × m, one column per sample) fed as Xᵀ (m × n_in, one row per sample); returns the output transposed back.</summary>
    internal static Matrix<double> RunOnnx(string path, Matrix<double> x)
    {
        using var session = new InferenceSession(path);
        var rows = x.Transpose();                                                  // ONNX: one row per sample
        double[] data = rows.ToRowMajorArray();
        using var input = OrtValue.CreateTensorValueFromMemory(data, [rows.RowCount, rows.ColumnCount]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        shape.Length.ShouldBe(2);
        shape[0].ShouldBe(x.ColumnCount);
        var values = outputs[0].GetTensorDataAsSpan<double>().ToArray();
        return Matrix<double>.Build.Dense((int)shape[1], (int)shape[0], (i, j) => values[j * shape[1] + i]);   // back to one column per sample
    }

    private static void ShouldMatchPredict(Network network, int samples = 7)
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.onnx");
        network.ExportOnnx(path);
        var x = Matrix<double>.Build.Dense(network.InputSize, samples, (i, j) => 2.5 * Math.Sin(1.7 * i + 0.9 * j + 0.3));
        var expected = network.Predict(x);
        var actual = RunOnnx(path, x);
        actual.RowCount.ShouldBe(expected.RowCount);
        actual.ColumnCount.ShouldBe(expected.ColumnCount);
        for (int i = 0; i < expected.RowCount; i++)
            for (int j = 0; j < expected.ColumnCount; j++)
                Math.Abs(actual[i, j] - expected[i, j]).ShouldBeLessThan(Tolerance * Math.Max(1, Math.Abs(expected[i, j])), $"output {i} of sample {j}");
    }

    public static TheoryData<string> Activations() => ["Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "Softplus", "Identity", "Softmax"];

    private static IActivation Create(string name) => name switch
    {
        "Sigmoid" => new Sigmoid(),
        "Tanh" => new Tanh(),
        "ReLU" => new ReLU(),
        "LeakyReLU" => new LeakyReLU(0.07),
        "ELU" => new Elu(0.6),
        "Softplus" => new Softplus(),
        "Identity" => new Identity(),
        _ => new Softmax(),
    };

    [Theory, MemberData(nameof(Activations))]
    public void Export_MatchesPredict_ForEachActivation(string activation)
    {
        var network = new Network(new Layer(5, 6, Create(activation)), new Layer(6, 4, Create(activation)));
        network.Initialize(seed: 3);
        ShouldMatchPredict(network);
    }

    [Theory, MemberData(nameof(Activations))]
    public void Export_MatchesPredict_WithBatchNormalization(string activation)
    {
        var network = new Network(new Layer(5, 6, Create(activation), batchNorm: true), new Layer(6, 3, new Softmax(), batchNorm: true));
        network.Initialize(seed: 4);
        var random = new Random(2);
        foreach (var layer in network.DenseLayers())
            for (int j = 0; j < layer.OutputSize; j++)
            {
                layer.Gamma![j] = 0.5 + random.NextDouble();
                layer.Beta![j] = random.NextDouble() - 0.5;
                layer.RunningMean![j] = random.NextDouble() - 0.5;
                layer.RunningVariance![j] = 0.2 + random.NextDouble();
            }
        ShouldMatchPredict(network);
    }

    [Fact]
    public void Export_MatchesPredict_ForEveryKindOfLayerIncludingDropout()
    {
        ShouldMatchPredict(ModelFileTests.EveryKindOfLayer(), samples: 1);
        ShouldMatchPredict(ModelFileTests.EveryKindOfLayer(), samples: 20);
    }

    [Fact]
    public void Export_MatchesPredict_OnMnistDigits()
    {
        var network = new Network(new Layer(784, 64, new ReLU(), batchNorm: true), new Layer(64, 10, new Softmax()));
        var digits = MnistSubset.Load().Test.Take(50).Inputs;
        network.Forward(digits, training: true);                           // running statistics of real digits
        using var dir = new TempDirectory();
        network.ExportOnnx(dir.File("mnist.onnx"));
        var expected = network.Predict(digits);
        var actual = RunOnnx(dir.File("mnist.onnx"), digits);
        (actual - expected).Enumerate().Max(Math.Abs).ShouldBeLessThan(Tolerance);
    }

    [Fact]
    public void Export_WritesModelHeader()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.onnx");
        new Network(new Layer(3, 2, new Sigmoid())).ExportOnnx(path);
        using var session = new InferenceSession(path);
        session.ModelMetadata.ProducerName.ShouldBe("NeuralNet");
        session.InputMetadata["input"].Dimensions.ShouldBe([-1, 3]);       // symbolic batch dimension N
        session.InputMetadata["input"].ElementDataType.ShouldBe(TensorElementType.Double);
        session.OutputMetadata["output"].Dimensions.ShouldBe([-1, 2]);
    }

    private sealed class Softsign : ElementwiseActivation
    {
        public override string Name => "Softsign";
        public override double Apply(double z) => z / (1 + Math.Abs(z));
        public override double Derivative(double z, double a) => (1 - Math.Abs(a)) * (1 - Math.Abs(a));
    }

    [Fact]
    public void Export_RejectsCustomActivation_NamingLayerAndActivation()
    {
        using var dir = new TempDirectory();
        var network = new Network(new Layer(3, 2, new Tanh()), new Layer(2, 1, new Softsign()));
        var e = Should.Throw<NotSupportedException>(() => network.ExportOnnx(dir.File("m.onnx")));
        e.Message.ShouldContain("layer 1 (2→1 Softsign)");
        e.Message.ShouldContain("\"Softsign\"");
        File.Exists(dir.File("m.onnx")).ShouldBeFalse();
    }

    /// <summary>A one-node float64 graph y = op(x), x of length 3, with default attributes.</summary>
    private static byte[] SingleOpModel(string op)
    {
        var node = new ProtoWriter().String(1, "x").String(2, "y").String(4, op);
        var dims = new ProtoWriter().Message(1, new ProtoWriter().Int(1, 3));
        ProtoWriter Info(string name) => new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, new ProtoWriter().Int(1, 11).Message(2, dims)));
        var graph = new ProtoWriter().Message(1, node).String(2, "g").Message(11, Info("x")).Message(12, Info("y"));
        return new ProtoWriter().Int(1, 8).Message(7, graph).Message(8, new ProtoWriter().String(1, "").Int(2, 17)).ToArray();
    }

    [Fact]
    public void OnnxRuntime_Float64Gaps_AreWhyLeakyReluEluAndSoftplusAreDecomposed()
    {
        // Elu and Softplus: no float64 kernel on the CPU provider.
        foreach (var op in new[] { "Elu", "Softplus" })
            Should.Throw<OnnxRuntimeException>(() => new InferenceSession(SingleOpModel(op)).Dispose()).Message.ShouldContain("Could not find an implementation");
        // LeakyRelu runs in float64, but its alpha attribute is a float32: 0.01 becomes 0.009999999776…, off by 2e-8 relative.
        using var session = new InferenceSession(SingleOpModel("LeakyRelu"));
        using var input = OrtValue.CreateTensorValueFromMemory(new[] { -1.0, 0.5, -0.3 }, [3]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
        outputs[0].GetTensorDataAsSpan<double>()[0].ShouldBe(-(double)0.01f);
        ((double)0.01f).ShouldNotBe(0.01);
    }
}
