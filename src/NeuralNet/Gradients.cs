namespace NeuralNet;

/// <summary>The result of <see cref="Network.Backpropagate"/>: the cost C and, per layer, ∂C/∂W and ∂C/∂b averaged over the batch.</summary>
/// <param name="Loss">C, the cost of the batch before any update.</param>
/// <param name="Layers">One entry per layer, from input to output.</param>
public sealed record Gradients(double Loss, IReadOnlyList<LayerGradients> Layers);
