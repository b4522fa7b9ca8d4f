namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Work matrices for the last few batch sizes m, created once per size: a warm training loop, whose batches have one
/// size (and perhaps a smaller last one), allocates nothing. The layers, batch norm and dropout each keep one.
/// </summary>
/// <remarks>Used by one thread at a time (the training thread): <see cref="Network"/> guards its training steps.</remarks>
internal sealed class BatchSizeCache<T>(Func<int, T> create) where T : class
{
    private const int Capacity = 4;
    private readonly int[] _sizes = new int[Capacity];
    private readonly T?[] _buffers = new T?[Capacity];
    private int _count, _next, _current = -1;

    /// <summary>The buffers of the last <see cref="For"/>, or null before the first.</summary>
    public T? Current => _current < 0 ? null : _buffers[_current];

    /// <summary>The buffers for batch size <paramref name="m"/>, reusing one of the last four sizes seen (the oldest is replaced).</summary>
    public T For(int m)
    {
        if (_current >= 0 && _sizes[_current] == m) return _buffers[_current]!;
        for (int i = 0; i < _count; i++)
            if (_sizes[i] == m) return _buffers[_current = i]!;
        int slot = _count < Capacity ? _count++ : _next;
        _next = (slot + 1) % Capacity;
        (_sizes[slot], _buffers[slot], _current) = (m, create(m), slot);
        return _buffers[slot]!;
    }
}
