namespace NeuralNet.Diagnostics;

/// <summary>One layer's result in a <see cref="GradientCheckResult"/>.</summary>
/// <param name="Layer">The layer's index.</param>
/// <param name="WeightRelativeError">Relative error of ∂C/∂W.</param>
/// <param name="BiasRelativeError">Relative error of ∂C/∂b.</param>
public sealed record LayerGradientCheck(int Layer, double WeightRelativeError, double BiasRelativeError);
