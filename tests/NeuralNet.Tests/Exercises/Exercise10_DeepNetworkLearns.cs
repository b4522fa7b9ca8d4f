using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 10 (advanced): a 5-layer network (2-8-8-8-8-1) on the quadrant problem. With sigmoid hidden units and plain
/// SGD it does not learn in 300 epochs, because the first layer's gradient is a small fraction of the fourth's. Make it learn.
/// </summary>
public class Exercise10_DeepNetworkLearns
{
    private static (double Accuracy, double GradientRatio) Train(Func<IActivation> hidden, IInitializer initializer, IOptimizer optimizer, double eta)
    {
        var (x, y) = ExerciseData.Quadrants();
        var layers = new List<Layer> { new(2, 8, hidden()) };
        for (int i = 0; i < 3; i++) layers.Add(new Layer(8, 8, hidden()));
        layers.Add(new Layer(8, 1, new Sigmoid()));
        var network = new Network(layers);
        network.Initialize(initializer, seed: 1);
        new Trainer(network, new TrainerOptions
        {
            Epochs = 300, BatchSize = 10, LearningRate = eta, Seed = 1, Loss = new BinaryCrossEntropy(), Optimizer = optimizer, CollectDiagnostics = false,
        }).Train(x, y);
        var gradients = network.Backpropagate(x, y, new BinaryCrossEntropy());
        return (ExerciseData.Accuracy(network, x, y), gradients.Layers[0].BiasGradient.L2Norm() / gradients.Layers[3].BiasGradient.L2Norm());
    }

    [Fact]
    public void SigmoidWithPlainSgd_DoesNotLearn_AndItsFirstLayerGradientVanishes()
    {
        var (accuracy, ratio) = Train(() => new Sigmoid(), new XavierUniform(), new Sgd(), 0.5);
        accuracy.ShouldBeLessThan(0.7);
        ratio.ShouldBeLessThan(0.1);
    }

    [Fact]
    public void TanhHiddenUnits_Learn()
    {
        var (accuracy, ratio) = Train(() => new Tanh(), new XavierUniform(), new Sgd(), 0.1);
        accuracy.ShouldBeGreaterThan(0.95);
        ratio.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void ReluWithHeInitialisation_Learns()
    {
        Train(() => new ReLU(), new HeNormal(), new Sgd(), 0.1).Accuracy.ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void SigmoidWithAdam_Learns_BecauseAdamRescalesEachParametersStep()
    {
        Train(() => new Sigmoid(), new XavierUniform(), new Adam(), 0.01).Accuracy.ShouldBeGreaterThan(0.95);
    }
}
