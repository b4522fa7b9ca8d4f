using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;

namespace NeuralNet.Tests.Tracing;

/// <summary>Seeded networks and batches shared by the tracing tests.</summary>
internal static class TraceFixtures
{
    public static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    /// <summary>The README's XOR network: 2-3-1 Tanh/Sigmoid, Xavier-uniform from seed 7.</summary>
    public static Network Xor()
    {
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
        network.Initialize(new NeuralNet.Initializers.XavierUniform(), seed: 7);
        return network;
    }

    public static Matrix<double> XorInputs => M(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });

    public static Matrix<double> XorTargets => M(new double[,] { { 0, 1, 1, 0 } });

    /// <summary>A random batch of m samples for <paramref name="network"/>, from <paramref name="seed"/>; one-hot targets when <paramref name="oneHot"/>, else values in (0, 1).</summary>
    public static (Matrix<double> X, Matrix<double> Y) Batch(Network network, int m, int seed, bool oneHot = false)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(network.InputSize, m, (_, _) => 2 * random.NextDouble() - 1);
        var y = oneHot
            ? Matrix<double>.Build.Dense(network.OutputSize, m, (r, c) => r == c % network.OutputSize ? 1 : 0)
            : Matrix<double>.Build.Dense(network.OutputSize, m, (_, _) => random.NextDouble());
        return (x, y);
    }

    /// <summary>A new network with the same layer sizes, activations and parameter values.</summary>
    public static Network Clone(Network network)
    {
        var copy = new Network(network.DenseLayers().Select(l => new Layer(l.InputSize, l.OutputSize, l.Activation)));
        for (int l = 0; l < network.Layers.Count; l++)
        {
            copy.Dense(l).Weights = network.Dense(l).Weights;
            copy.Dense(l).Biases = network.Dense(l).Biases;
        }
        return copy;
    }

    /// <summary>Every parameter value of the network, flattened, copied.</summary>
    public static double[] Snapshot(Network network) => network.Parameters.SelectMany(p => p.Value).ToArray();
}
