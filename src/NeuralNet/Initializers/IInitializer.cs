using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Initializers;

/// <summary>
/// Draws a layer's starting weights W (outputs × inputs) and biases b (outputs) from a seeded <see cref="Random"/>.
/// </summary>
/// <remarks>
/// n_in = W.ColumnCount (fan-in), n_out = W.RowCount (fan-out). Implementations must draw sequentially from the given
/// <see cref="Random"/> (never inside a parallel <c>Map</c>), so that the same seed always gives the same weights.
/// </remarks>
public interface IInitializer
{
    /// <summary>Overwrites <paramref name="weights"/> and <paramref name="biases"/> with fresh draws.</summary>
    void Initialize(Matrix<double> weights, Vector<double> biases, Random random);
}
