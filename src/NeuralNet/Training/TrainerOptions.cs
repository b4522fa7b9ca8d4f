using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Internal;

namespace NeuralNet.Training;

/// <summary>
/// How a <see cref="Trainer"/> trains: mini-batch gradient descent for <see cref="Epochs"/> passes over the data.
/// Every value is checked when it is set; an invalid one throws with the expected and the received value.
/// </summary>
/// <example><code>
/// var options = new TrainerOptions { Epochs = 30, BatchSize = 10, LearningRate = 3.0, Loss = new MeanSquaredError() };
/// </code></example>
public sealed record TrainerOptions
{
    private readonly int _epochs = 10;
    private readonly int _batchSize = 32;
    private readonly double _learningRate = 0.1;
    private readonly double _weightDecay;
    private readonly ILoss _loss = new MeanSquaredError();
    private readonly IOptimizer _optimizer = new Sgd();

    /// <summary>Passes over the training data; &gt; 0, default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int Epochs { get => _epochs; init { Guard.Positive(value, nameof(Epochs)); _epochs = value; } }

    /// <summary>Samples per mini-batch, m; &gt; 0, default 32. The last batch of an epoch may be smaller.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int BatchSize { get => _batchSize; init { Guard.Positive(value, nameof(BatchSize)); _batchSize = value; } }

    /// <summary>η, the learning rate; &gt; 0, default 0.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite positive number.</exception>
    public double LearningRate { get => _learningRate; init { Guard.Positive(value, nameof(LearningRate)); _learningRate = value; } }

    /// <summary>The cost C to minimise; default <see cref="MeanSquaredError"/>.</summary>
    public ILoss Loss { get => _loss; init => _loss = value ?? throw new ArgumentNullException(nameof(Loss)); }

    /// <summary>The update rule; default plain <see cref="Sgd"/>.</summary>
    public IOptimizer Optimizer { get => _optimizer; init => _optimizer = value ?? throw new ArgumentNullException(nameof(Optimizer)); }

    /// <summary>λ ≥ 0, default 0: L2 weight decay, which adds λ·W to each weight gradient before the update (biases are not decayed), as PyTorch's <c>weight_decay</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double WeightDecay { get => _weightDecay; init { Guard.NonNegative(value, nameof(WeightDecay)); _weightDecay = value; } }

    /// <summary>
    /// Seed of the shuffling order, the augmentation and the dropout masks; default 0. The same seed, network and data give
    /// bit-identical results. Each epoch's generators are seeded from (Seed, epoch) alone, so a run resumed from a checkpoint
    /// draws the same numbers as an uninterrupted one.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Shuffle the samples at the start of every epoch (default true). False keeps the given column order, which makes runs comparable with other frameworks.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>How the learning rate changes from epoch to epoch (e.g. <see cref="StepDecay"/>, <see cref="CosineDecay"/>); null (default) keeps <see cref="LearningRate"/> constant.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Data augmentation applied to each training mini-batch (e.g. <see cref="RandomShift"/>); null (default) for none.</summary>
    public IBatchTransform? Augmentation { get; init; }

    /// <summary>
    /// Collect per-layer activation statistics (mean, standard deviation, saturated and dead fractions) for each
    /// <see cref="EpochReport"/>; default true. Gradient norms are always reported.
    /// </summary>
    public bool CollectDiagnostics { get; init; } = true;

    /// <summary>Stop when the validation loss (training loss without a validation set) stops improving; null (default) runs all epochs.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Save a checkpoint after every epoch (last.json) and at every improvement (best.json); null (default) saves none.</summary>
    public CheckpointOptions? Checkpoints { get; init; }
}
