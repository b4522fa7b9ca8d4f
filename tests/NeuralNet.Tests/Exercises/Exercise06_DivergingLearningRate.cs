using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 6 (intermediate): find the learning rate at which XOR training diverges. With a linear (identity) output the
/// cost grows without bound once η is too large, and the trainer throws <see cref="TrainingDivergedException"/>;
/// a sigmoid output cannot diverge, it saturates and gets stuck instead.
/// </summary>
public class Exercise06_DivergingLearningRate
{
    private static TrainerOptions Options(double eta) =>
        new() { Epochs = 500, BatchSize = 4, LearningRate = eta, Seed = 7, Loss = new MeanSquaredError(), CollectDiagnostics = false };

    private static bool Diverges(double eta)
    {
        try
        {
            new Trainer(ExerciseData.Xor(new Identity()), Options(eta)).Train(ExerciseData.XorInputs, ExerciseData.XorTargets);
            return false;
        }
        catch (TrainingDivergedException)
        {
            return true;
        }
    }

    [Fact]
    public void LinearOutput_DivergesBetweenEta0point7And1()
    {
        double[] grid = [0.1, 0.3, 0.5, 0.7, 1.0, 2.0, 5.0];
        var firstDiverging = grid.First(Diverges);
        firstDiverging.ShouldBe(1.0);
        Diverges(0.7).ShouldBeFalse();
    }

    [Fact]
    public void DivergedTraining_SaysWhereAndSuggestsASmallerRate()
    {
        var e = Should.Throw<TrainingDivergedException>(() =>
            new Trainer(ExerciseData.Xor(new Identity()), Options(5.0)).Train(ExerciseData.XorInputs, ExerciseData.XorTargets));
        e.LearningRate.ShouldBe(5.0);
        e.Epoch.ShouldBeGreaterThan(1);
        e.Message.ShouldContain("smaller learning rate");
    }

    [Fact]
    public void SigmoidOutput_DoesNotDiverge_ItSaturatesAndStalls()
    {
        var history = new Trainer(ExerciseData.Xor(), Options(100.0)).Train(ExerciseData.XorInputs, ExerciseData.XorTargets);
        history.FinalLoss.ShouldBe(0.25, 0.001);   // stuck: outputs pinned near 0 or 1, σ′ ≈ 0
    }
}
