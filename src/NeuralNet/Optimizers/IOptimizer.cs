namespace NeuralNet.Optimizers;

/// <summary>
/// Turns gradients into parameter updates: θ ← θ − η·step(∂C/∂θ). The layers compute gradients; the optimizer applies them.
/// </summary>
/// <remarks>
/// Per-parameter state (momentum, moment estimates) is keyed by the <see cref="Parameter"/> object, so one optimizer
/// instance may serve several networks, also on several threads at once (the built-in optimizers keep it in a thread-safe
/// table; each network's parameters are updated by its own trainer). <see cref="Reset"/> forgets all state.
/// </remarks>
public interface IOptimizer
{
    /// <summary>Applies one update to every parameter in place, using each parameter's current <see cref="Parameter.Gradient"/>.</summary>
    /// <param name="parameters">The network's parameters, in a fixed order.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    void Step(IReadOnlyList<Parameter> parameters, double learningRate);

    /// <summary>Forgets all per-parameter state, as if no step had been taken.</summary>
    void Reset();
}
