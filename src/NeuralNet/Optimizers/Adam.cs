using System.Globalization;
using System.Runtime.CompilerServices;
using NeuralNet.Internal;

namespace NeuralNet.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015), as in PyTorch's <c>torch.optim.Adam</c>:
/// m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// </summary>
/// <remarks>The bias corrections 1 − βᵗ use the step count t of each parameter, starting at t = 1.</remarks>
public sealed class Adam : IStatefulOptimizer
{
    private sealed class State(int length)
    {
        public readonly double[] M = new double[length];
        public readonly double[] V = new double[length];
        public long Step;
    }

    private readonly ConditionalWeakTable<Parameter, State> _state = new();

    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    /// <param name="beta1">β₁ ∈ [0, 1), decay of the first-moment estimate; default 0.9.</param>
    /// <param name="beta2">β₂ ∈ [0, 1), decay of the second-moment estimate; default 0.999.</param>
    /// <param name="epsilon">ε &gt; 0 added to the denominator; default 1e-8.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public Adam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (!(beta1 >= 0 && beta1 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"beta1 must be in [0, 1). Received: beta1={beta1}.");
        if (!(beta2 >= 0 && beta2 < 1))
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"beta2 must be in [0, 1). Received: beta2={beta2}.");
        Guard.Positive(epsilon, nameof(epsilon));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public void Step(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        for (int p = 0; p < parameters.Count; p++)
        {
            var theta = parameters[p].Value;
            var g = parameters[p].Gradient;
            if (!_state.TryGetValue(parameters[p], out var s))
            {
                s = new State(theta.Length);
                _state.Add(parameters[p], s);
            }
            s.Step++;
            double correction1 = 1 - Math.Pow(Beta1, s.Step);
            double sqrtCorrection2 = Math.Sqrt(1 - Math.Pow(Beta2, s.Step));
            double stepSize = learningRate / correction1;
            var (m, v) = (s.M, s.V);
            for (int i = 0; i < theta.Length; i++)
            {
                m[i] += (1 - Beta1) * (g[i] - m[i]);                 // = β₁m + (1 − β₁)g, as PyTorch's lerp computes it
                v[i] = v[i] * Beta2 + (1 - Beta2) * g[i] * g[i];
                theta[i] -= stepSize * (m[i] / (Math.Sqrt(v[i]) / sqrtCorrection2 + Epsilon));
            }
        }
    }

    /// <inheritdoc/>
    public void Reset() => _state.Clear();

    /// <inheritdoc/>
    /// <remarks>Per parameter: the step count t and the moment estimates as buffers "m" and "v"; null before its first step.</remarks>
    public OptimizerState ExportState(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new OptimizerState(nameof(Adam), parameters.Select(p => _state.TryGetValue(p, out var s)
            ? new ParameterState(s.Step, new Dictionary<string, double[]> { ["m"] = (double[])s.M.Clone(), ["v"] = (double[])s.V.Clone() })
            : null).ToArray());
    }

    /// <inheritdoc/>
    public void ImportState(IReadOnlyList<Parameter> parameters, OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var states = state.For(nameof(Adam), parameters);
        for (int p = 0; p < parameters.Count; p++)
        {
            if (states[p] is not { } imported) { _state.Remove(parameters[p]); continue; }
            if (imported.Step < 0)
                throw new ArgumentException($"The step count of parameter {p} ({parameters[p]}) is {imported.Step}, expected ≥ 0.", nameof(state));
            var s = new State(parameters[p].Value.Length) { Step = imported.Step };
            imported.Buffer("m", parameters[p], p).CopyTo(s.M, 0);
            imported.Buffer("v", parameters[p], p).CopyTo(s.V, 0);
            _state.AddOrUpdate(parameters[p], s);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Adam(beta1: {Beta1}, beta2: {Beta2}, epsilon: {Epsilon})");
}
