using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;

namespace NeuralNet.Tests;

/// <summary>
/// Nielsen, chapter 5: in a deep sigmoid network started from N(0, 1) the early layers learn much more slowly than the
/// later ones (‖∂C/∂b‖ shrinks towards the input), while ReLU with He initialisation keeps the layers comparable.
/// Random inputs in [0, 1)⁷⁸⁴ stand in for MNIST; measured ratios first/last: sigmoid 0.06–0.14, ReLU 0.6–1.1 (seeds 0–3).
/// </summary>
public class VanishingGradientTests
{
    private static double[] HiddenBiasGradientNorms(Func<IActivation> activation, IInitializer initializer, int seed)
    {
        var random = new Random(seed);
        var x = Matrix<double>.Build.Dense(784, 100, (_, _) => random.NextDouble());
        var y = Matrix<double>.Build.Dense(10, 100, (r, c) => r == c % 10 ? 1 : 0);
        var network = new Network(
            new Layer(784, 30, activation()), new Layer(30, 30, activation()), new Layer(30, 30, activation()),
            new Layer(30, 30, activation()), new Layer(30, 10, new Sigmoid()));
        network.Initialize(initializer, seed);
        var gradients = network.Backpropagate(x, y, new MeanSquaredError());   // at initialisation
        return gradients.Layers.Take(4).Select(l => l.BiasGradient.L2Norm()).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void DeepSigmoid_FirstHiddenLayerLearnsFarSlowerThanTheLast(int seed)
    {
        var norms = HiddenBiasGradientNorms(() => new Sigmoid(), new StandardNormal(), seed);
        (norms[0] / norms[3]).ShouldBeLessThan(0.25);
        norms.ShouldBe(norms.Order().ToArray());   // and it grows layer by layer towards the output
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void DeepReluWithHe_KeepsTheLayersComparable(int seed)
    {
        var norms = HiddenBiasGradientNorms(() => new ReLU(), new HeNormal(), seed);
        (norms[0] / norms[3]).ShouldBeInRange(0.2, 5.0);
    }
}
