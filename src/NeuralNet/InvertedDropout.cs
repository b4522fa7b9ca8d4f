using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.LinearAlgebra;

namespace NeuralNet;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014) on a layer's output while training: A ⊙ M, where each entry of the mask M is 0
/// with probability p and 1/(1 − p) otherwise, so the expected output is A and inference needs no rescaling.
/// <see cref="Layer"/> owns one when created with <c>dropout: p</c>.
/// </summary>
/// <remarks>
/// <code>
/// forward (training):  Y = A ⊙ M         backward:  dA ← dY ⊙ M       (inference: Y = A, no mask)
/// </code>
/// Masks are drawn sequentially from the layer's own seeded generator, never inside a parallel map, so runs are reproducible.
/// </remarks>
internal sealed class InvertedDropout
{
    private readonly BatchSizeCache<DropoutBuffers> _buffers;
    private Random _random = new(0);

    public InvertedDropout(int units, double probability)
    {
        Probability = probability;
        _buffers = new BatchSizeCache<DropoutBuffers>(m => new DropoutBuffers(units, m));
    }

    /// <summary>p, the probability of dropping an output.</summary>
    public double Probability { get; }

    /// <summary>M of the last forward pass (n_out × m).</summary>
    public Matrix<double> Mask => Current.Mask;

    private DropoutBuffers Current => _buffers.Current ?? throw new InvalidOperationException("Call Forward before Backward.");

    /// <summary>Restarts the mask sequence: the same seed gives the same masks.</summary>
    public void Seed(int seed) => _random = new Random(seed);

    /// <summary>Y = A ⊙ M with a new mask (or, when <paramref name="frozen"/>, the one already drawn for this batch size).</summary>
    /// <returns>A ⊙ M, n_out × m: a buffer owned by this object.</returns>
    public Matrix<double> Forward(Matrix<double> a, bool frozen)
    {
        var buffers = _buffers.For(a.ColumnCount);
        if (!(frozen && buffers.MaskDrawn))
        {
            DrawMask(buffers.Mask);                                 // M: 0 with probability p, else 1/(1 − p)
            buffers.MaskDrawn = true;
        }
        return Multiply(a, buffers.Mask, buffers.Dropped);          // A ⊙ M
    }

    /// <summary>dA = dY ⊙ M, with the mask of the last forward pass.</summary>
    /// <returns>dY ⊙ M, n_out × m: a buffer owned by this object.</returns>
    public Matrix<double> Backward(Matrix<double> outputGradient) => Multiply(outputGradient, Current.Mask, Current.MaskedDA);

    /// <summary>Fills <paramref name="mask"/>: 0 with probability p, else 1/(1 − p).</summary>
    private void DrawMask(Matrix<double> mask)
    {
        var values = mask.AsColumnMajorArray();
        double keep = 1.0 / (1.0 - Probability);
        for (int i = 0; i < values.Length; i++)
            values[i] = _random.NextDouble() < Probability ? 0.0 : keep;
    }

    private static Matrix<double> Multiply(Matrix<double> values, Matrix<double> mask, Matrix<double> result)
    {
        TensorPrimitives.Multiply(values.AsColumnMajorArray(), mask.AsColumnMajorArray(), result.AsColumnMajorArray());
        return result;
    }
}
