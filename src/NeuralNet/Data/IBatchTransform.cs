using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Data;

/// <summary>
/// Data augmentation: changes a training mini-batch's inputs in place before the forward pass (never the data set itself,
/// and never validation data), so each epoch sees slightly different samples.
/// </summary>
/// <remarks>Draw only from the given <see cref="Random"/>, sequentially: the trainer seeds it, so runs stay reproducible.</remarks>
public interface IBatchTransform
{
    /// <summary>Transforms each column (sample) of <paramref name="inputs"/> (features × m) in place.</summary>
    void Apply(Matrix<double> inputs, Random random);
}
