namespace NeuralNet.Optimizers;

/// <summary>An optimizer's state for a list of parameters, as plain numbers (see <see cref="IStatefulOptimizer"/>).</summary>
/// <param name="Optimizer">The optimizer's name, e.g. "Sgd" or "Adam"; importing checks it.</param>
/// <param name="Parameters">Per parameter, in order: its state, or null if the optimizer has none for it yet.</param>
public sealed record OptimizerState(string Optimizer, IReadOnlyList<ParameterState?> Parameters)
{
    /// <summary>Checks the name and count; returns the per-parameter states.</summary>
    internal IReadOnlyList<ParameterState?> For(string optimizer, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (Optimizer != optimizer)
            throw new ArgumentException($"This is {Optimizer}'s state; {optimizer} cannot import it.", "state");
        if (Parameters.Count != parameters.Count)
            throw new ArgumentException($"The state holds {Parameters.Count} parameters but {parameters.Count} were given.", "state");
        return Parameters;
    }
}
