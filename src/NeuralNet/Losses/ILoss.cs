using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;

namespace NeuralNet.Losses;

/// <summary>
/// A cost C = (1/m) Σₓ Cₓ over a mini-batch of m samples, where Cₓ compares one output column a with its target column y.
/// </summary>
/// <remarks>
/// <see cref="Gradient"/> returns the per-sample ∇ₐCₓ (not divided by m): the layers divide by m when they average
/// ∂C/∂W and ∂C/∂b over the batch (BP3, BP4), exactly as in Nielsen's book.
/// </remarks>
public interface ILoss
{
    /// <summary>Name used in <c>ToString()</c> and saved models.</summary>
    string Name { get; }

    /// <summary>C = (1/m) Σₓ Cₓ(a, y). Both matrices are outputs × m.</summary>
    double Value(Matrix<double> output, Matrix<double> target);

    /// <summary>∇ₐCₓ for every column, written into <paramref name="result"/> (outputs × m).</summary>
    void Gradient(Matrix<double> output, Matrix<double> target, Matrix<double> result);

    /// <summary>
    /// Writes the output error δᴸ = ∂Cₓ/∂zᴸ directly when this loss and the output activation have a simple, stable closed form
    /// (e.g. δᴸ = a − y for softmax with cross-entropy), and returns true. The default returns false, and the network
    /// uses BP1, δᴸ = ∇ₐCₓ ⊙ f′(zᴸ), instead.
    /// </summary>
    bool TryOutputDelta(IActivation outputActivation, Matrix<double> output, Matrix<double> target, Matrix<double> delta) => false;
}
