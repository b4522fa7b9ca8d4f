using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 9 (advanced): measure the vanishing gradient. In a 784-30-30-30-10 sigmoid network with N(0, 1) weights
/// (Nielsen, chapter 5), ‖∂C/∂bˡ‖, the speed at which layer l learns, grows from the first layer to the last.
/// </summary>
public class Exercise09_VanishingGradient
{
    [Fact]
    public void EarlierLayers_LearnSlower_InADeepSigmoidNetwork()
    {
        var random = new Random(1);
        var x = Matrix<double>.Build.Dense(784, 100, (_, _) => random.NextDouble());
        var y = Matrix<double>.Build.Dense(10, 100, (i, j) => i == j % 10 ? 1 : 0);
        var network = new Network(new Layer(784, 30, new Sigmoid()), new Layer(30, 30, new Sigmoid()),
                                  new Layer(30, 30, new Sigmoid()), new Layer(30, 10, new Sigmoid()));
        network.Initialize(new StandardNormal(), seed: 1);

        var speed = network.Backpropagate(x, y, new MeanSquaredError()).Layers.Select(l => l.BiasGradient.L2Norm()).ToArray();

        speed.ShouldBe(speed.Order().ToArray());            // strictly slower the further from the output (≈ 0.007, 0.033, 0.057, 0.13)
        (speed[0] * 4).ShouldBeLessThan(speed[2]);           // the first hidden layer learns > 4× slower than the third
    }
}
