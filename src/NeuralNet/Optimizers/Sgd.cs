using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Optimizers;

/// <summary>
/// Stochastic gradient descent, optionally with momentum, following PyTorch's <c>torch.optim.SGD</c> (dampening 0):
/// v ← μ·v + g;  θ ← θ − η·v   (Nesterov: θ ← θ − η·(g + μ·v)).
/// </summary>
/// <remarks>
/// With μ = 0 this is Nielsen's plain update θ ← θ − η·∂C/∂θ. The velocity v starts at 0, so the first step is θ ← θ − η·g.
/// </remarks>
public sealed class Sgd : IStatefulOptimizer
{
    private readonly ConditionalWeakTable<Parameter, double[]> _velocity = new();

    /// <summary>Creates the optimizer.</summary>
    /// <param name="momentum">μ ∈ [0, 1); default 0 (plain SGD).</param>
    /// <param name="nesterov">Use Nesterov momentum; requires μ &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">μ outside [0, 1), or Nesterov without momentum.</exception>
    public Sgd(double momentum = 0.0, bool nesterov = false)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must be in [0, 1). Received: momentum={momentum}.");
        if (nesterov && momentum == 0)
            throw new ArgumentOutOfRangeException(nameof(nesterov), nesterov, "Nesterov momentum needs momentum > 0. Received: momentum=0, nesterov=true.");
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>μ, the momentum coefficient.</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public void Step(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        for (int p = 0; p < parameters.Count; p++)
        {
            var theta = parameters[p].Value;
            var g = parameters[p].Gradient;
            if (Momentum == 0)
            {
                ParallelVector.MultiplyAdd(g, -learningRate, theta, theta);          // θ ← θ − η·g; W₁ on both cores, bit-identical
                continue;
            }
            if (!_velocity.TryGetValue(parameters[p], out var v))
            {
                v = new double[theta.Length];
                _velocity.Add(parameters[p], v);
            }
            ParallelVector.MultiplyAdd(v, Momentum, g, v);                            // v ← μ·v + g
            if (Nesterov)
            {
                for (int i = 0; i < theta.Length; i++)
                    theta[i] -= learningRate * (g[i] + Momentum * v[i]);             // θ ← θ − η·(g + μ·v)
            }
            else
                ParallelVector.MultiplyAdd(v, -learningRate, theta, theta);          // θ ← θ − η·v
        }
    }

    /// <inheritdoc/>
    public void Reset() => _velocity.Clear();

    /// <inheritdoc/>
    /// <remarks>The velocity v of each parameter, as buffer "velocity"; null before its first momentum step (and always without momentum).</remarks>
    public OptimizerState ExportState(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new OptimizerState(nameof(Sgd), parameters.Select(p => _velocity.TryGetValue(p, out var v)
            ? new ParameterState(0, new Dictionary<string, double[]> { ["velocity"] = (double[])v.Clone() })
            : null).ToArray());
    }

    /// <inheritdoc/>
    public void ImportState(IReadOnlyList<Parameter> parameters, OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var states = state.For(nameof(Sgd), parameters);
        for (int p = 0; p < parameters.Count; p++)
        {
            if (states[p] is not { } s) { _velocity.Remove(parameters[p]); continue; }
            _velocity.AddOrUpdate(parameters[p], (double[])s.Buffer("velocity", parameters[p], p).Clone());
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Momentum == 0 ? "Sgd" : string.Create(CultureInfo.InvariantCulture, $"Sgd(momentum: {Momentum}{(Nesterov ? ", nesterov" : "")})");
}
