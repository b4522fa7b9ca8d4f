namespace NeuralNet.Training;

/// <summary>
/// Thrown when the cost or a gradient becomes NaN or infinite, or a gradient is so large that the step η·∂C/∂θ would
/// overflow. The network keeps the weights of the last step whose cost, gradients and step were finite (the failing step
/// is not applied).
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a run that diverged at <paramref name="epoch"/>, mini-batch <paramref name="batch"/>.</summary>
    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate, string what)
        : this(epoch, batch, loss, learningRate, what, null)
    {
    }

    /// <summary>
    /// Creates the exception with <paramref name="advice"/> naming the cause and the remedy (e.g. the weight decay), or
    /// null for the default advice (a smaller learning rate).
    /// </summary>
    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate, string what, string? advice)
        : base($"Training diverged at epoch {epoch}, mini-batch {batch}: {what} (loss = {loss}). " +
               "The network keeps the weights of the last finite step. " +
               (advice ?? $"Try a smaller learning rate than {learningRate}, e.g. {learningRate / 10}."))
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        LearningRate = learningRate;
    }

    /// <summary>The epoch (1-based) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The mini-batch (1-based, within the epoch) whose cost or gradient was not finite.</summary>
    public int Batch { get; }

    /// <summary>The cost of that mini-batch.</summary>
    public double Loss { get; }

    /// <summary>The learning rate in use.</summary>
    public double LearningRate { get; }
}
