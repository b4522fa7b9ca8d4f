using NeuralNet.Losses;
using NeuralNet.Tracing;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Tracing;
using NeuralNet.Training;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 11 (intermediate): L2 weight decay adds λ·W to ∂C/∂W (the gradient of C + (λ/2)‖W‖²), so every step also
/// shrinks the weights towards 0. Show the step's formula with a trace, then the smaller weights after training.
/// </summary>
public class Exercise11_WeightDecay
{
    [Fact]
    public void TraceShowsTheDecayedStep()
    {
        var network = ExerciseData.Xor();
        var trace = network.Trace(ExerciseData.XorInputs, ExerciseData.XorTargets, new MeanSquaredError(), new Sgd(), learningRate: 0.5, weightDecay: 0.1);
        foreach (var layer in trace.Layers)
        {
            TraceAssert.Close(layer.WeightUpdate, -0.5 * (layer.WeightGradient + 0.1 * layer.Weights), 1e-15);   // ΔW = −η(∂C/∂W + λW)
            TraceAssert.Close(layer.BiasUpdate, -0.5 * layer.BiasGradient, 1e-15);                                // biases are not decayed
        }
    }

    [Fact]
    public void Decay_KeepsTheWeightsSmaller()
    {
        double WeightNorm(double lambda)
        {
            var network = ExerciseData.Xor();
            new Trainer(network, new TrainerOptions
            {
                Epochs = 2000, BatchSize = 4, LearningRate = 0.5, Seed = 7, Loss = new MeanSquaredError(),
                Optimizer = new Sgd(momentum: 0.9), WeightDecay = lambda, CollectDiagnostics = false,
            }).Train(ExerciseData.XorInputs, ExerciseData.XorTargets);
            return Math.Sqrt(network.DenseLayers().Sum(l => Math.Pow(l.Weights.FrobeniusNorm(), 2)));
        }

        (WeightNorm(0.01) * 1.5).ShouldBeLessThan(WeightNorm(0));
    }
}
