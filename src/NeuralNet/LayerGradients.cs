using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>One layer's gradients, copied out of the layer (they do not change when training goes on).</summary>
/// <param name="WeightGradient">∂C/∂W = δ·Xᵀ / m, n_out × n_in (BP4).</param>
/// <param name="BiasGradient">∂C/∂b = mean of δ's columns, n_out (BP3); 0 for a batch-normalised layer, whose β plays the bias's role.</param>
/// <param name="GammaGradient">∂C/∂γ, n_out, for a batch-normalised layer; otherwise null.</param>
/// <param name="BetaGradient">∂C/∂β = mean of δ's columns, n_out, for a batch-normalised layer; otherwise null.</param>
public sealed record LayerGradients(Matrix<double> WeightGradient, Vector<double> BiasGradient,
    Vector<double>? GammaGradient = null, Vector<double>? BetaGradient = null)
{
    /// <summary>Copies of every <see cref="ILayer.Parameters"/> entry's gradient, in the layer's order (W, b; or W, γ, β).</summary>
    public IReadOnlyList<double[]> ParameterGradients { get; init; } = [];

    /// <summary>Copies a layer's gradients. For a layer of the user's own, W is its first weight parameter (read as
    /// n_out × n_in when its length fits, else as one column) and b its first other parameter (zeros if it has none).</summary>
    internal static LayerGradients Of(ILayer layer)
    {
        var copies = layer.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();
        if (layer is Layer l)
            return new LayerGradients(l.WeightGradient.Clone(), l.BiasGradient.Clone(), l.GammaGradient?.Clone(), l.BetaGradient?.Clone()) { ParameterGradients = copies };
        var weight = layer.Parameters.FirstOrDefault(p => p.IsWeight)?.Gradient ?? [];
        var bias = layer.Parameters.FirstOrDefault(p => !p.IsWeight)?.Gradient ?? new double[layer.OutputSize];
        var dW = weight.Length == layer.OutputSize * layer.InputSize
            ? Matrix<double>.Build.Dense(layer.OutputSize, layer.InputSize, (double[])weight.Clone())
            : Matrix<double>.Build.Dense(weight.Length, 1, (double[])weight.Clone());
        return new LayerGradients(dW, Vector<double>.Build.DenseOfArray((double[])bias.Clone())) { ParameterGradients = copies };
    }
}
