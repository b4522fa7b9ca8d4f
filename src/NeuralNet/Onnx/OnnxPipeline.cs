using NeuralNet.Serialization;

namespace NeuralNet.Onnx;

/// <summary>
/// What an estimator adds around its network in the ONNX graph: the input scaling x′ = (x − offset) / scale (Sub, Div),
/// the target scaling undone, y = y′·scale + offset (Mul, Add), a binary classifier's single sigmoid output turned into
/// the two class probabilities [1 − p, p] (Sub, Concat), and metadata_props (e.g. the class labels).
/// </summary>
internal sealed record OnnxPipeline(
    double[]? InputOffset,
    double[]? InputScale,
    double[]? OutputOffset,
    double[]? OutputScale,
    bool BinaryProbabilities,
    IReadOnlyList<KeyValuePair<string, string>> Metadata);

public static partial class OnnxExporter
{
    /// <summary>Writes the network with its <paramref name="pipeline"/> to <paramref name="path"/>, atomically.</summary>
    internal static void Export(Network network, string path, OnnxPipeline pipeline)
    {
        var bytes = ToBytes(network, pipeline);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>input → (input − offset) / scale, one row per sample, offset and scale broadcast over the rows; returns the scaled input's name.</summary>
    private static string AddInputNodes(Graph graph, OnnxPipeline pipeline, string input)
    {
        if (pipeline.InputOffset is null || pipeline.InputScale is null) return input;
        int n = pipeline.InputOffset.Length;
        string centred = graph.Node("Sub", "scaler.Sub", [input, graph.Tensor("scaler.offset", pipeline.InputOffset, n)], "scaler.centred");
        return graph.Node("Div", "scaler.Div", [centred, graph.Tensor("scaler.scale", pipeline.InputScale, n)], "scaled_input");
    }

    /// <summary>The network's output → the graph's output: target scaling undone, or [1 − p, p] for one sigmoid output.</summary>
    private static void AddOutputNodes(Graph graph, OnnxPipeline pipeline, string networkOutput, string output)
    {
        if (pipeline.OutputOffset is not null && pipeline.OutputScale is not null)
        {
            int n = pipeline.OutputOffset.Length;
            string scaled = graph.Node("Mul", "target_scaler.Mul", [networkOutput, graph.Tensor("target_scaler.scale", pipeline.OutputScale, n)], "target_scaler.scaled");
            graph.Node("Add", "target_scaler.Add", [scaled, graph.Tensor("target_scaler.offset", pipeline.OutputOffset, n)], output);
        }
        else if (pipeline.BinaryProbabilities)
        {
            string negative = graph.Node("Sub", "probabilities.Sub", [graph.Scalar("probabilities.one", 1.0), networkOutput], "probabilities.negative");
            graph.Node("Concat", "probabilities.Concat", [negative, networkOutput], output, axis: 1);
        }
        else
            graph.Node("Identity", "output.Identity", [networkOutput], output);
    }
}
