namespace NeuralNet.Onnx;

/// <summary><c>network.ExportOnnx(path)</c>: an extension member (C# 14) over <see cref="OnnxExporter"/>; <c>using NeuralNet.Onnx;</c>.</summary>
public static class NetworkOnnx
{
    extension(Network network)
    {
        /// <summary>
        /// Writes this network as an ONNX model that takes a batch with <b>one row per sample</b>, [N, n_in] float64, and
        /// returns [N, n_out]: the transpose of <see cref="Network.Predict(MathNet.Numerics.LinearAlgebra.Matrix{double})"/>'s
        /// orientation. See <see cref="OnnxExporter"/>.
        /// </summary>
        /// <exception cref="NotSupportedException">A layer's activation has no ONNX equivalent, or a layer is not a built-in <see cref="Layer"/> (naming it).</exception>
        public void ExportOnnx(string path) => OnnxExporter.Export(network, path);
    }
}
