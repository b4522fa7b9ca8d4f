using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014) on a layer's output while training: A ⊙ M, where each entry of the mask M is 0
/// with probability p and 1/(1 − p) otherwise, so the expected output is A and inference needs no rescaling.
/// <see cref="Layer"/> owns one when created with <c>dropout: p</c>.
/// </summary>
/// <remarks>Masks are drawn sequentially from the layer's own seeded generator, never inside a parallel map, so runs are reproducible.</remarks>
internal sealed class InvertedDropout(double probability)
{
    private Random _random = new(0);

    /// <summary>p, the probability of dropping an output.</summary>
    public double Probability { get; } = probability;

    /// <summary>Restarts the mask sequence: the same seed gives the same masks.</summary>
    public void Seed(int seed) => _random = new Random(seed);

    /// <summary>Fills <paramref name="mask"/>: 0 with probability p, else 1/(1 − p).</summary>
    public void DrawMask(Matrix<double> mask)
    {
        var values = mask.AsColumnMajorArray();
        double keep = 1.0 / (1.0 - Probability);
        for (int i = 0; i < values.Length; i++)
            values[i] = _random.NextDouble() < Probability ? 0.0 : keep;
    }

    /// <summary>result = values ⊙ M: the forward pass (A ⊙ M) and, with the same mask, the backward pass (dA ⊙ M).</summary>
    public static void Apply(Matrix<double> values, Matrix<double> mask, Matrix<double> result) =>
        TensorPrimitives.Multiply(values.AsColumnMajorArray(), mask.AsColumnMajorArray(), result.AsColumnMajorArray());
}
