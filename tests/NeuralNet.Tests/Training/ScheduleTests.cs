using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>The schedules against PyTorch's closed forms (epoch e here is PyTorch's last_epoch + 1) and as reported per epoch.</summary>
public class ScheduleTests
{
    [Fact]
    public void StepDecay_IsPyTorchsStepLR()
    {
        // StepLR(step_size=3, gamma=0.5), lr 0.1: lr_t = 0.1·0.5^⌊t/3⌋ for t = 0, 1, …
        var schedule = new StepDecay(stepEpochs: 3, factor: 0.5);
        Enumerable.Range(1, 7).Select(e => schedule.LearningRate(e, 7, 0.1)).ShouldBe([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
        for (int t = 0; t < 30; t++)
            schedule.LearningRate(t + 1, 30, 0.1).ShouldBe(0.1 * Math.Pow(0.5, t / 3));
    }

    [Fact]
    public void CosineDecay_IsPyTorchsCosineAnnealingLR()
    {
        // CosineAnnealingLR(T_max=10, eta_min=0.001), lr 0.1: η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T_max))
        var schedule = new CosineDecay(minimumRate: 0.001);
        schedule.LearningRate(1, 10, 0.1).ShouldBe(0.1);
        schedule.LearningRate(6, 10, 0.1).ShouldBe(0.0505, 1e-15);                     // t = 5 = T_max/2: halfway
        schedule.LearningRate(11, 10, 0.1).ShouldBe(0.001, 1e-15);                     // t = T_max: η_min
        // PyTorch computes the same values recursively: η_t = η_min + (η_{t−1} − η_min)(1 + cos(πt/T))/(1 + cos(π(t−1)/T))
        double recursive = 0.1;
        for (int t = 1; t < 10; t++)
        {
            recursive = 0.001 + (recursive - 0.001) * (1 + Math.Cos(Math.PI * t / 10)) / (1 + Math.Cos(Math.PI * (t - 1) / 10));
            schedule.LearningRate(t + 1, 10, 0.1).ShouldBe(recursive, 1e-15);
        }
    }

    [Fact]
    public void EpochReport_ShowsTheScheduledRate()
    {
        var options = new TrainerOptions { Epochs = 4, LearningRate = 0.2, Schedule = new StepDecay(2, 0.5), Loss = new CategoricalCrossEntropy() };
        var history = new Trainer(ResumeTests.NewNetwork(), options).Train(ResumeTests.X, ResumeTests.Y);
        history.Epochs.Select(r => r.LearningRate).ShouldBe([0.2, 0.2, 0.1, 0.1]);

        var cosine = new Trainer(ResumeTests.NewNetwork(), options with { Schedule = new CosineDecay() }).Train(ResumeTests.X, ResumeTests.Y);
        cosine.Epochs.Select(r => r.LearningRate).ShouldBe(Enumerable.Range(0, 4).Select(t => 0.1 * (1 + Math.Cos(Math.PI * t / 4))).ToArray());
    }
}
