using System.Buffers.Binary;
using NeuralNet.Activations;
using NeuralNet.Serialization;

namespace NeuralNet.Onnx;

/// <summary>
/// Writes a <see cref="Network"/> as a standard ONNX model (opset 17, IR version 8) that ONNX Runtime and other tools run:
/// input <c>"input"</c> [N, n_in] float64, output <c>"output"</c> [N, n_out] float64.
/// </summary>
/// <remarks>
/// <para><b>Rows are samples in ONNX.</b> NeuralNet has one column per sample (X is n_in × m, Z = W·X + b); ONNX models,
/// like PyTorch and NumPy, take one row per sample. The graph computes the transpose, Zᵀ = Xᵀ·Wᵀ + bᵀ, with
/// <c>Gemm(input, W, b, transB=1)</c>, so W is stored exactly as the layer holds it (n_out × n_in, row by row) and the
/// output row i equals column i of <see cref="Network.Predict(MathNet.Numerics.LinearAlgebra.Matrix{double})"/>.</para>
/// <para><b>Per layer</b>: <c>Gemm</c> (without its C input under batch normalisation), then <c>BatchNormalization</c> in
/// inference form (not folded into Gemm, so the graph mirrors the layer: scale γ, bias β, the running mean and variance,
/// epsilon = <see cref="Layer.BatchNormEpsilon"/>), then the activation. Dropout is the identity at inference and is left out.
/// ONNX's epsilon attribute is a float32, so 1e-5 is stored as 9.99999975e-6: a relative change of the output below 1e-9
/// even for a zero running variance, and below 1e-11 for variances of 1e-3 and more.</para>
/// <para><b>Activations, in float64.</b> Sigmoid, Tanh, Relu, Identity and Softmax (axis −1, over each row's classes) are
/// the ONNX ops of the same name. ONNX Runtime's CPU provider has no float64 kernel for <c>Elu</c> and <c>Softplus</c>, and
/// its float64 <c>LeakyRelu</c> takes α as a float32 attribute (0.01 becomes 0.009999999776…), so these three are written
/// as small float64 subgraphs of the same function, with α stored as a float64 constant:
/// LeakyReLU(α) = Relu(z) + α·Min(z, 0);  ELU(α) = Relu(z) + α·(Exp(Min(z, 0)) − 1);  Softplus = Relu(z) + Log(1 + Exp(−|z|)).
/// Outputs match <see cref="Network.Predict(MathNet.Numerics.LinearAlgebra.Matrix{double})"/> to about 1e-15 relative.</para>
/// <para>The protobuf is encoded by hand (see <c>ProtoWriter</c>): a few message types, no dependency, no reflection.</para>
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ai.onnx operator set version the graph uses.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version written (8 goes with opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>The model's producer_name.</summary>
    public const string ProducerName = "NeuralNet";

    // onnx.proto field numbers
    private const int ModelIrVersion = 1, ModelProducerName = 2, ModelProducerVersion = 3, ModelDocString = 6, ModelGraph = 7, ModelOpsetImport = 8;
    private const int OpsetDomain = 1, OpsetVersionField = 2;
    private const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    private const int AttributeName = 1, AttributeFloat = 2, AttributeInt = 3, AttributeType = 20, AttributeTypeFloat = 1, AttributeTypeInt = 2;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9, DataTypeDouble = 11;
    private const int ValueInfoName = 1, ValueInfoType = 2, TypeTensor = 1, TensorTypeElemType = 1, TensorTypeShape = 2;
    private const int ShapeDim = 1, DimValue = 1, DimParam = 2;

    /// <summary>Writes the ONNX model to <paramref name="path"/> (atomically, like <see cref="ModelFile.Save"/>).</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX equivalent; the message names the layer and activation.</exception>
    public static void Export(Network network, string path)
    {
        var bytes = ToBytes(network);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The serialized ONNX ModelProto.</summary>
    /// <exception cref="NotSupportedException">A layer's activation has no ONNX equivalent; the message names the layer and activation.</exception>
    public static byte[] ToBytes(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new Graph();
        string x = "input";
        var layers = network.BuiltInLayers("ONNX export");
        for (int l = 0; l < layers.Count; l++)
            x = graph.AddLayer(layers[l], l, x, l == layers.Count - 1 ? "output" : null);

        var g = new ProtoWriter();
        foreach (var node in graph.Nodes) g.Message(GraphNode, node);
        g.String(GraphName, "NeuralNet");
        foreach (var tensor in graph.Initializers) g.Message(GraphInitializer, tensor);
        g.Message(GraphInput, ValueInfo("input", network.InputSize));
        g.Message(GraphOutput, ValueInfo("output", network.OutputSize));

        return new ProtoWriter()
            .Int(ModelIrVersion, IrVersion)
            .String(ModelProducerName, ProducerName)
            .String(ModelProducerVersion, ModelCodec.LibraryVersion)
            .String(ModelDocString, $"{network}; input [N, {network.InputSize}] float64, one row per sample")
            .Message(ModelGraph, g)
            .Message(ModelOpsetImport, new ProtoWriter().String(OpsetDomain, "").Int(OpsetVersionField, OpsetVersion))
            .ToArray();
    }

    /// <summary>A float64 tensor [N, size] with a symbolic batch dimension N.</summary>
    private static ProtoWriter ValueInfo(string name, int size)
    {
        var shape = new ProtoWriter()
            .Message(ShapeDim, new ProtoWriter().String(DimParam, "N"))
            .Message(ShapeDim, new ProtoWriter().Int(DimValue, size));
        var tensorType = new ProtoWriter().Int(TensorTypeElemType, DataTypeDouble).Message(TensorTypeShape, shape);
        return new ProtoWriter().String(ValueInfoName, name).Message(ValueInfoType, new ProtoWriter().Message(TypeTensor, tensorType));
    }

    /// <summary>Nodes and initializers, in order, with fresh names.</summary>
    private sealed class Graph
    {
        public List<ProtoWriter> Nodes { get; } = [];
        public List<ProtoWriter> Initializers { get; } = [];

        /// <summary>Appends the nodes of one layer; returns the name of its output.</summary>
        public string AddLayer(Layer layer, int l, string input, string? output)
        {
            string Name(string what) => $"layer{l}.{what}";
            var w = layer.Weights;
            var rowMajor = new double[layer.OutputSize * layer.InputSize];
            for (int j = 0; j < layer.OutputSize; j++)
                for (int k = 0; k < layer.InputSize; k++)
                    rowMajor[j * layer.InputSize + k] = w[j, k];
            string weights = Tensor(Name("W"), rowMajor, layer.OutputSize, layer.InputSize);

            // Zᵀ = Xᵀ·Wᵀ + bᵀ: one row per sample
            string z;
            if (!layer.BatchNorm)
                z = Node("Gemm", Name("Gemm"), [input, weights, Tensor(Name("b"), layer.Biases.ToArray(), layer.OutputSize)], Name("Z"), transB: 1);
            else
            {
                string u = Node("Gemm", Name("Gemm"), [input, weights], Name("U"), transB: 1);
                z = Node("BatchNormalization", Name("BatchNormalization"),
                    [u, Tensor(Name("gamma"), layer.Gamma!.ToArray(), layer.OutputSize), Tensor(Name("beta"), layer.Beta!.ToArray(), layer.OutputSize),
                     Tensor(Name("running_mean"), layer.RunningMean!.ToArray(), layer.OutputSize),
                     Tensor(Name("running_var"), layer.RunningVariance!.ToArray(), layer.OutputSize)],
                    Name("Z"), epsilon: (float)Layer.BatchNormEpsilon);
            }
            string a = output ?? Name("A");
            switch (layer.Activation)
            {
                case Sigmoid: return Node("Sigmoid", Name("Sigmoid"), [z], a);
                case Tanh: return Node("Tanh", Name("Tanh"), [z], a);
                case ReLU: return Node("Relu", Name("Relu"), [z], a);
                case Identity: return Node("Identity", Name("Identity"), [z], a);
                case Softmax: return Node("Softmax", Name("Softmax"), [z], a, axis: -1);
                case LeakyReLU leaky:   // Relu(z) + α·Min(z, 0)
                {
                    string negative = Node("Min", Name("Min"), [z, Scalar(Name("zero"), 0.0)], Name("negative"));
                    string scaled = Node("Mul", Name("Mul"), [negative, Scalar(Name("alpha"), leaky.Slope)], Name("scaled"));
                    return Node("Add", Name("Add"), [Node("Relu", Name("Relu"), [z], Name("positive")), scaled], a);
                }
                case Elu elu:           // Relu(z) + α·(Exp(Min(z, 0)) − 1)
                {
                    string negative = Node("Min", Name("Min"), [z, Scalar(Name("zero"), 0.0)], Name("negative"));
                    string expm1 = Node("Sub", Name("Sub"), [Node("Exp", Name("Exp"), [negative], Name("exp")), Scalar(Name("one"), 1.0)], Name("expm1"));
                    string scaled = Node("Mul", Name("Mul"), [expm1, Scalar(Name("alpha"), elu.Alpha)], Name("scaled"));
                    return Node("Add", Name("Add"), [Node("Relu", Name("Relu"), [z], Name("positive")), scaled], a);
                }
                case Softplus:          // Relu(z) + Log(1 + Exp(−|z|))
                {
                    string minusAbs = Node("Neg", Name("Neg"), [Node("Abs", Name("Abs"), [z], Name("abs"))], Name("minus_abs"));
                    string onePlus = Node("Add", Name("AddOne"), [Node("Exp", Name("Exp"), [minusAbs], Name("exp")), Scalar(Name("one"), 1.0)], Name("one_plus"));
                    string log = Node("Log", Name("Log"), [onePlus], Name("log"));
                    return Node("Add", Name("Add"), [Node("Relu", Name("Relu"), [z], Name("positive")), log], a);
                }
                default:
                    throw new NotSupportedException(
                        $"Cannot export layer {l} ({layer}) to ONNX: its activation \"{layer.Activation.Name}\" ({layer.Activation.GetType().Name}) has no ONNX equivalent. " +
                        "Supported: Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softplus, Identity, Softmax.");
            }
        }

        private string Node(string op, string name, string[] inputs, string output, int? transB = null, int? axis = null, float? epsilon = null)
        {
            var node = new ProtoWriter();
            foreach (var input in inputs) node.String(NodeInput, input);
            node.String(NodeOutput, output).String(NodeName, name).String(NodeOpType, op);
            if (transB is { } t) node.Message(NodeAttribute, new ProtoWriter().String(AttributeName, "transB").Int(AttributeInt, t).Int(AttributeType, AttributeTypeInt));
            if (axis is { } ax) node.Message(NodeAttribute, new ProtoWriter().String(AttributeName, "axis").Int(AttributeInt, ax).Int(AttributeType, AttributeTypeInt));
            if (epsilon is { } e) node.Message(NodeAttribute, new ProtoWriter().String(AttributeName, "epsilon").Float(AttributeFloat, e).Int(AttributeType, AttributeTypeFloat));
            Nodes.Add(node);
            return output;
        }

        private string Scalar(string name, double value) => Tensor(name, [value]);

        /// <summary>A float64 initializer; no dims means a scalar. raw_data holds the values little-endian.</summary>
        private string Tensor(string name, double[] values, params int[] dims)
        {
            var raw = new byte[values.Length * sizeof(double)];
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(i * sizeof(double)), values[i]);
            var tensor = new ProtoWriter();
            foreach (int d in dims) tensor.Int(TensorDims, d);
            tensor.Int(TensorDataType, DataTypeDouble).String(TensorName, name).Bytes(TensorRawData, raw);
            Initializers.Add(tensor);
            return name;
        }
    }
}
