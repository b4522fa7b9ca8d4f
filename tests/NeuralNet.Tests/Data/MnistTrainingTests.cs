using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests.Data;

/// <summary>End to end on real digits: the library learns MNIST from a few hundred examples.</summary>
public class MnistTrainingTests
{
    [Fact]
    public void SmallNetwork_TrainedOn500Digits_ClassifiesMostHeldOutDigits()
    {
        var (train, test) = MnistSubset.Load();
        var network = new Network(new Layer(784, 32, new ReLU()), new Layer(32, 10, new Softmax()));
        var trainer = new Trainer(network, new TrainerOptions
        {
            Epochs = 15, BatchSize = 20, LearningRate = 0.1, Seed = 1, Loss = new CategoricalCrossEntropy(),
        });

        var history = trainer.Train(train.Take(500), test.Take(500));

        // 500 training digits reach 86.3 % on the 2,000 held-out ones; 80 % leaves room for platform differences in the last bits.
        Evaluation.Accuracy(network.Predict(test.Inputs), test.Labels).ShouldBeGreaterThan(0.80);
        history.Epochs[^1].Loss.ShouldBeLessThan(history.Epochs[0].Loss / 4);
    }

    [Fact]
    public void Training_WithShiftsAndASchedule_IsBitIdenticalForTheSameSeed()
    {
        var (train, _) = MnistSubset.Load();
        var small = train.Take(200);
        double[] Run()
        {
            var network = new Network(new Layer(784, 16, new ReLU()), new Layer(16, 10, new Softmax()));
            new Trainer(network, new TrainerOptions
            {
                Epochs = 3, BatchSize = 16, LearningRate = 0.1, Seed = 5, Loss = new CategoricalCrossEntropy(),
                Augmentation = new RandomShift(), Schedule = new CosineDecay(),
            }).Train(small);
            return network.DenseLayers().SelectMany(l => l.Weights.AsColumnMajorArray()).ToArray();
        }

        Run().ShouldBe(Run());
    }
}
