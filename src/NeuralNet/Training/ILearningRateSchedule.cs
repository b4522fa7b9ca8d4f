namespace NeuralNet.Training;

/// <summary>The learning rate for each epoch, ηₑ, as a function of the base rate η and the epoch number.</summary>
public interface ILearningRateSchedule
{
    /// <summary>ηₑ for <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>, given the base rate <paramref name="baseRate"/> = <see cref="TrainerOptions.LearningRate"/>.</summary>
    double LearningRate(int epoch, int epochs, double baseRate);
}
