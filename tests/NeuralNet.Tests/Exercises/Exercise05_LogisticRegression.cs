using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Tests.Tracing;
using NeuralNet.Training;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 5 (intermediate): logistic regression is a one-layer network, a = σ(w·x + b), with binary cross-entropy,
/// for which BP1 gives δ = a − y. Trained here on a synthetic separable 2-D set (two MNIST digits once the data lands).
/// </summary>
public class Exercise05_LogisticRegression
{
    [Fact]
    public void OneSigmoidLayer_WithCrossEntropy_SeparatesTwoClouds()
    {
        var (x, y) = ExerciseData.TwoClouds();
        var logistic = new Network(new Layer(2, 1, new Sigmoid()));
        new Trainer(logistic, new TrainerOptions { Epochs = 50, BatchSize = 10, LearningRate = 0.5, Loss = new BinaryCrossEntropy(), Seed = 1 })
            .Train(x, y);

        ExerciseData.Accuracy(logistic, x, y).ShouldBe(1.0);
        // The decision boundary w·x + b = 0 separates (2, 2) from (−2, −2): both weights point towards the class-1 cloud.
        logistic.Layers[0].Weights[0, 0].ShouldBeGreaterThan(0);
        logistic.Layers[0].Weights[0, 1].ShouldBeGreaterThan(0);
    }

    [Fact]
    public void OutputError_IsAMinusY_AndTheWeightGradientIsTheMeanOfErrorTimesInput()
    {
        var (x, y) = ExerciseData.TwoClouds(m: 8);
        var logistic = new Network(new Layer(2, 1, new Sigmoid()));
        logistic.Initialize(seed: 5);
        var layer = logistic.Trace(x, y, new BinaryCrossEntropy()).Layers[0];

        layer.UsesSimplifiedOutputDelta.ShouldBeTrue();
        layer.Delta.ShouldBe(layer.Output - y);                                        // δ = a − y: σ′ cancelled
        TraceAssert.Close(layer.WeightGradient, (layer.Output - y) * x.Transpose() / 8, 1e-15);   // ∂C/∂w = mean((a − y)·xᵀ)
    }
}
