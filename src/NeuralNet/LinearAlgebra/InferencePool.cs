using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>One inference pass's scratch: Z and A of every layer for a batch of m samples, and a per-unit vector.</summary>
internal sealed class InferenceWorkspace
{
    public InferenceWorkspace(IReadOnlyList<int> outputs, int m)
    {
        M = m;
        Z = outputs.Select(n => Matrix<double>.Build.Dense(n, m)).ToArray();
        A = outputs.Select(n => Matrix<double>.Build.Dense(n, m)).ToArray();
        Units = new double[outputs.Max()];
        Values = 2L * outputs.Sum() * m;
    }

    public int M { get; }
    public Matrix<double>[] Z { get; }
    public Matrix<double>[] A { get; }
    public double[] Units { get; }

    /// <summary>How many doubles the workspace holds.</summary>
    public long Values { get; }
}

/// <summary>
/// Inference workspaces for <see cref="Network.Predict(Matrix{double})"/>: each call rents one for its batch size and
/// returns it, so concurrent calls never share scratch, and a warm caller allocates only the result it gets back.
/// </summary>
/// <remarks>
/// Bounded: at most one workspace per core is kept (the oldest is replaced when full), and none larger than
/// <see cref="MaxPooledValues"/> doubles (a one-off huge batch is served and then dropped), so inference memory does not
/// grow with the number of batch sizes seen.
/// </remarks>
internal sealed class InferencePool(IReadOnlyList<int> outputs)
{
    /// <summary>8 MiB: a workspace above this is used once, not kept.</summary>
    public const long MaxPooledValues = 1L << 20;

    private readonly InferenceWorkspace?[] _free = new InferenceWorkspace?[Math.Max(2, Environment.ProcessorCount)];
    private readonly Lock _gate = new();
    private int _next;

    public InferenceWorkspace Rent(int m)
    {
        lock (_gate)
        {
            for (int i = 0; i < _free.Length; i++)
                if (_free[i] is { } workspace && workspace.M == m)
                {
                    _free[i] = null;
                    return workspace;
                }
        }
        return new InferenceWorkspace(outputs, m);
    }

    public void Return(InferenceWorkspace workspace)
    {
        if (workspace.Values > MaxPooledValues) return;
        lock (_gate)
        {
            int slot = Array.IndexOf(_free, null);
            if (slot < 0) slot = _next = (_next + 1) % _free.Length;
            _free[slot] = workspace;
        }
    }
}
