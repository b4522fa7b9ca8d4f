using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 7 (intermediate): momentum. v ← μ·v + g, θ ← θ − η·v accumulates consistent gradients; count the epochs
/// XOR needs to reach a cost below 0.01 with and without it, same η = 0.5, same start.
/// </summary>
public class Exercise07_MomentumVsSgd
{
    private static int EpochsToReach(double cost, IOptimizer optimizer)
    {
        var history = new Trainer(ExerciseData.Xor(), new TrainerOptions
        {
            Epochs = 1000, BatchSize = 4, LearningRate = 0.5, Seed = 7, Loss = new MeanSquaredError(), Optimizer = optimizer, CollectDiagnostics = false,
        }).Train(ExerciseData.XorInputs, ExerciseData.XorTargets);
        return history.Epochs.First(r => r.Loss < cost).Epoch;
    }

    [Fact]
    public void Momentum_ReachesTheTargetCostSeveralTimesFaster()
    {
        int plain = EpochsToReach(0.01, new Sgd());
        int momentum = EpochsToReach(0.01, new Sgd(momentum: 0.9));
        momentum.ShouldBeLessThan(plain / 3);   // about 75 against about 550 epochs
    }
}
