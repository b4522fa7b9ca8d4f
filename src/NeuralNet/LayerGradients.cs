using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>One layer's gradients, copied out of the layer (they do not change when training goes on).</summary>
/// <param name="WeightGradient">∂C/∂W = δ·Xᵀ / m, n_out × n_in (BP4).</param>
/// <param name="BiasGradient">∂C/∂b = mean of δ's columns, n_out (BP3); 0 for a batch-normalised layer, whose β plays the bias's role.</param>
/// <param name="GammaGradient">∂C/∂γ, n_out, for a batch-normalised layer; otherwise null.</param>
/// <param name="BetaGradient">∂C/∂β = mean of δ's columns, n_out, for a batch-normalised layer; otherwise null.</param>
public sealed record LayerGradients(Matrix<double> WeightGradient, Vector<double> BiasGradient,
    Vector<double>? GammaGradient = null, Vector<double>? BetaGradient = null);
