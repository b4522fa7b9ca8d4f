using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;

namespace Assignment.Tests;

/// <summary>
/// The reference the tests compare with: NeuralNet's built-in <see cref="Layer"/>, given exactly your layer's W and b.
/// Every random choice is seeded, so every run checks the same numbers.
/// </summary>
internal static class Reference
{
    /// <summary>Your layer and a built-in Layer with the same W, b and activation.</summary>
    public static (DenseLayer Yours, Layer Builtin) Pair(int inputs, int outputs, IActivation activation, int seed)
    {
        var yours = new DenseLayer(inputs, outputs, activation, seed);
        var random = new Random(seed + 1000);
        yours.Biases.MapInplace(_ => random.NextDouble() - 0.5);   // non-zero biases, so that a forgotten b shows
        var builtin = new Layer(inputs, outputs, activation) { Weights = yours.Weights, Biases = yours.Biases };
        return (yours, builtin);
    }

    /// <summary>A rows × columns matrix of values uniform in [−scale, scale].</summary>
    public static Matrix<double> Random(int rows, int columns, int seed, double scale = 1.0)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => scale * (2 * random.NextDouble() - 1));
    }

    /// <summary>The XOR batch, one column per sample: x = (0,0), (0,1), (1,0), (1,1); y = 0, 1, 1, 0.</summary>
    public static Matrix<double> XorInputs => Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });

    public static Matrix<double> XorTargets => Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });
}
