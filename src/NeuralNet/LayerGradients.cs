using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>One layer's gradients, copied out of the layer (they do not change when training goes on).</summary>
/// <param name="WeightGradient">∂C/∂W = δ·Xᵀ / m, n_out × n_in (BP4).</param>
/// <param name="BiasGradient">∂C/∂b = mean of δ's columns, n_out (BP3).</param>
public sealed record LayerGradients(Matrix<double> WeightGradient, Vector<double> BiasGradient);
