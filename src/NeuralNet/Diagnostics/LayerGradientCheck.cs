namespace NeuralNet.Diagnostics;

/// <summary>One layer's result in a <see cref="GradientCheckResult"/>.</summary>
/// <param name="Layer">The layer's index.</param>
/// <param name="WeightRelativeError">Relative error of ∂C/∂W.</param>
/// <param name="BiasRelativeError">Relative error of ∂C/∂b, or of ∂C/∂β for a batch-normalised layer (β plays the bias's role).</param>
/// <param name="ParameterRelativeErrors">Relative error of every parameter of the layer, by <see cref="Parameter.Name"/>
/// ("W", "b", or "W", "γ", "β" with batch norm); null when the result was built without them.</param>
public sealed record LayerGradientCheck(int Layer, double WeightRelativeError, double BiasRelativeError,
    IReadOnlyDictionary<string, double>? ParameterRelativeErrors = null);
