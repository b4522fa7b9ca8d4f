using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Tracing;
using NeuralNet.Tests.Tracing;
using NeuralNet.Training;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 5 (intermediate): logistic regression is a one-layer network, a = σ(w·x + b), with binary cross-entropy,
/// for which BP1 gives δ = a − y. Trained on a synthetic separable 2-D set, then on two real MNIST digits.
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
        logistic.Dense(0).Weights[0, 0].ShouldBeGreaterThan(0);
        logistic.Dense(0).Weights[0, 1].ShouldBeGreaterThan(0);
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

    [Fact]
    public void OneSigmoidLayer_TellsThreesFromFives()
    {
        var (train, test) = MnistSubset.Load();
        (Matrix<double> X, Matrix<double> Y) ThreesAndFives(Dataset data)
        {
            var indices = Enumerable.Range(0, data.Count).Where(j => data.Labels[j] is 3 or 5).ToArray();
            var pair = data.Subset(indices);
            return (pair.Inputs, Matrix<double>.Build.Dense(1, pair.Count, (_, j) => pair.Labels[j] == 5 ? 1 : 0)); // y = 1 for a 5
        }
        var (x, y) = ThreesAndFives(train);
        var (testX, testY) = ThreesAndFives(test);
        var logistic = new Network(new Layer(784, 1, new Sigmoid()));
        new Trainer(logistic, new TrainerOptions { Epochs = 10, BatchSize = 20, LearningRate = 0.5, Loss = new BinaryCrossEntropy(), Seed = 1 })
            .Train(x, y);

        // 3 and 5 are among the most confused pairs; a single linear boundary still gets 95.5 % of the 379 held-out ones.
        ExerciseData.Accuracy(logistic, testX, testY).ShouldBeGreaterThan(0.92);
    }
}
