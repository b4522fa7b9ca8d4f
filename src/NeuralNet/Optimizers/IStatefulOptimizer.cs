namespace NeuralNet.Optimizers;

/// <summary>
/// An optimizer whose per-parameter state (momentum, moment estimates, step counts) can be exported and imported, so
/// that training resumed from a checkpoint continues exactly as if it had never stopped.
/// </summary>
/// <remarks><see cref="Sgd"/> and <see cref="Adam"/> implement it. The state is listed in the order of the given parameters.</remarks>
public interface IStatefulOptimizer : IOptimizer
{
    /// <summary>A copy of the state kept for each of <paramref name="parameters"/> (null where none exists yet).</summary>
    OptimizerState ExportState(IReadOnlyList<Parameter> parameters);

    /// <summary>Replaces the state of each of <paramref name="parameters"/> by a copy of <paramref name="state"/>'s.</summary>
    /// <exception cref="ArgumentException">The state is another optimizer's, or its count or buffer lengths do not match the parameters.</exception>
    void ImportState(IReadOnlyList<Parameter> parameters, OptimizerState state);
}
