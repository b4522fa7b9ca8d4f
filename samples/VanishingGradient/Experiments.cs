using NeuralNet;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace VanishingGradient;

/// <summary>‖∂C/∂b‖ and ‖∂C/∂W‖/‖W‖ of each hidden layer at initialisation, over several seeds: one row of the lab's first tables.</summary>
/// <param name="Configuration">How the network was built.</param>
/// <param name="HiddenLayers">The number of hidden layers.</param>
/// <param name="PerSeed">PerSeed[s][l]: ‖∂C/∂bˡ‖ of hidden layer l + 1 for the s-th seed (‖∂C/∂βˡ‖ with batch norm).</param>
/// <param name="PerSeedWeightRatio">PerSeedWeightRatio[s][l]: ‖∂C/∂Wˡ‖/‖Wˡ‖ (Frobenius norms) of hidden layer l + 1 for the s-th seed.</param>
public sealed record InitialGradients(Configuration Configuration, int HiddenLayers, double[][] PerSeed, double[][] PerSeedWeightRatio)
{
    /// <summary>Mean of ‖∂C/∂Wˡ‖/‖Wˡ‖ over the seeds, per hidden layer: the relative size of a gradient step, which means the
    /// same with and without batch norm (β's gradient does not).</summary>
    public double[] MeanWeightRatio => Enumerable.Range(0, HiddenLayers).Select(l => PerSeedWeightRatio.Average(s => s[l])).ToArray();

    /// <summary>The geometric mean over the seeds of (‖∂C/∂W¹‖/‖W¹‖) / (‖∂C/∂Wᴸ⁻¹‖/‖Wᴸ⁻¹‖).</summary>
    public double WeightRatioFirstToLast => Math.Exp(PerSeedWeightRatio.Average(s => Math.Log(s[0] / s[^1])));

    /// <summary>Mean over the seeds, per hidden layer.</summary>
    public double[] Mean => Enumerable.Range(0, HiddenLayers).Select(l => PerSeed.Average(s => s[l])).ToArray();

    /// <summary>Sample standard deviation over the seeds, per hidden layer (0 for a single seed).</summary>
    public double[] StandardDeviation => Enumerable.Range(0, HiddenLayers).Select(l =>
    {
        if (PerSeed.Length < 2) return 0.0;
        double mean = PerSeed.Average(s => s[l]);
        return Math.Sqrt(PerSeed.Sum(s => (s[l] - mean) * (s[l] - mean)) / (PerSeed.Length - 1));
    }).ToArray();

    /// <summary>
    /// How much slower the first hidden layer learns than the last: the geometric mean over the seeds of
    /// ‖∂C/∂b¹‖ / ‖∂C/∂bᴸ⁻¹‖ (a ratio of ratios is best averaged on a log scale).
    /// </summary>
    public double FirstToLastRatio => Math.Exp(PerSeed.Average(s => Math.Log(s[0] / s[^1])));
}

/// <summary>
/// The lab's measurements, free of any console or plotting code so that tests can run them:
/// the speed of learning of each hidden layer at initialisation (Nielsen, chapter 5), and training runs whose
/// <see cref="EpochReport"/>s hold the same quantity per epoch, with saturation, dead units and test accuracy.
/// </summary>
public static class Experiments
{
    /// <summary>Nielsen's cost for chapter 5 (network2.py's default): sigmoid outputs with the cross-entropy, so δᴸ = a − y.</summary>
    public static ILoss Cost { get; } = new BinaryCrossEntropy();

    /// <summary>
    /// ‖∂C/∂bˡ‖ for every hidden layer l of <paramref name="network"/>, where C is the cost of the whole of
    /// <paramref name="sample"/> as one batch (BP3: ∂C/∂b = the batch mean of δ). For a batch-normalised layer, ‖∂C/∂β‖:
    /// β takes the bias's place, and its gradient is the same batch mean of δ.
    /// </summary>
    public static double[] HiddenBiasGradientNorms(Network network, Dataset sample)
    {
        var gradients = network.Backpropagate(sample.Inputs, sample.Targets, Cost);
        return gradients.Layers.Take(network.Layers.Count - 1)
            .Select(g => (g.BetaGradient ?? g.BiasGradient).L2Norm())
            .ToArray();
    }

    /// <summary>
    /// ‖∂C/∂Wˡ‖/‖Wˡ‖ (Frobenius norms) for every hidden layer l: how large a plain gradient step is relative to the weights
    /// it changes, the ratio practitioners watch (an update-to-weight ratio of about 10⁻³ per step is the usual rule of thumb
    /// for η·‖∂C/∂W‖/‖W‖, CS231n). Unlike ‖∂C/∂b‖ it means the same for a batch-normalised layer, whose β is nearly cancelled
    /// by the next layer's normalisation.
    /// </summary>
    public static double[] HiddenWeightGradientRatios(Network network, Gradients gradients) =>
        Enumerable.Range(0, network.Layers.Count - 1)
            .Select(l => gradients.Layers[l].WeightGradient.FrobeniusNorm() / ((Layer)network.Layers[l]).Weights.FrobeniusNorm())
            .ToArray();

    /// <summary>
    /// Nielsen's measurement, repeated over <paramref name="seeds"/> random initialisations (seeds firstSeed, firstSeed + 1, …):
    /// build [784, 30, …, 30, 10] with <paramref name="hiddenLayers"/> hidden layers and measure <see cref="HiddenBiasGradientNorms"/> on <paramref name="sample"/>.
    /// </summary>
    public static InitialGradients MeasureAtInitialisation(Configuration configuration, int hiddenLayers, Dataset sample, int seeds, int firstSeed)
    {
        var perSeed = Enumerable.Range(firstSeed, seeds).Select(seed =>
        {
            var network = configuration.Build(hiddenLayers, seed, sample.FeatureCount, sample.ClassCount);
            var gradients = network.Backpropagate(sample.Inputs, sample.Targets, Cost);
            var bias = gradients.Layers.Take(network.Layers.Count - 1).Select(g => (g.BetaGradient ?? g.BiasGradient).L2Norm()).ToArray();
            return (Bias: bias, Ratio: HiddenWeightGradientRatios(network, gradients));
        }).ToArray();
        return new InitialGradients(configuration, hiddenLayers, perSeed.Select(s => s.Bias).ToArray(), perSeed.Select(s => s.Ratio).ToArray());
    }

    /// <summary>
    /// Trains one configuration with plain mini-batch SGD on the cross-entropy cost, and measures the test set after every epoch.
    /// Each <see cref="EpochReport"/> has per layer the mean ‖∂C/∂b‖ over the epoch's mini-batches, the saturated and dead
    /// fractions, and <see cref="EpochReport.ValidationAccuracy"/> is the test accuracy. If the cost becomes NaN or infinite,
    /// the run ends there: <see cref="TrainingRun.Diverged"/> says when, and the epochs completed before are kept.
    /// </summary>
    public static TrainingRun Train(Configuration configuration, int hiddenLayers, Dataset train, Dataset test, TrainingSettings settings)
    {
        var network = configuration.Build(hiddenLayers, settings.Seed, train.FeatureCount, train.ClassCount);
        var trainer = new Trainer(network, new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = configuration.LearningRate ?? settings.LearningRate,
            Loss = Cost,
            Optimizer = new Sgd(),
            Seed = settings.Seed,
        });
        var epochs = new List<EpochReport>();
        try
        {
            trainer.Train(train, test, new Collect(epochs));
            return new TrainingRun(configuration, epochs, null);
        }
        catch (TrainingDivergedException e)
        {
            return new TrainingRun(configuration, epochs, $"diverged in epoch {e.Epoch}");
        }
    }

    /// <summary>Keeps each epoch's report as it arrives (on the training thread).</summary>
    private sealed class Collect(List<EpochReport> epochs) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => epochs.Add(value);
    }
}

/// <summary>One configuration's training run: what the tables and plots show.</summary>
/// <param name="Configuration">How the network was built.</param>
/// <param name="Epochs">One report per completed epoch.</param>
/// <param name="Diverged">Null, or when training stopped because the cost became NaN or infinite.</param>
public sealed record TrainingRun(Configuration Configuration, IReadOnlyList<EpochReport> Epochs, string? Diverged)
{
    /// <summary>The hidden layers' reports of every epoch (the output layer left out: it is not a hidden layer).</summary>
    public IEnumerable<IReadOnlyList<LayerReport>> Hidden => Epochs.Select(e => e.Layers.Take(e.Layers.Count - 1).ToArray());
}

/// <summary>How every configuration is trained: the same settings for all, so that only the configuration differs.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Samples per mini-batch (Nielsen: 10).</param>
/// <param name="LearningRate">η (Nielsen's chapter-5 runs: 0.1), unless the configuration brings its own.</param>
/// <param name="Seed">Seed of the initialisation and of the shuffling.</param>
public sealed record TrainingSettings(int Epochs, int BatchSize, double LearningRate, int Seed);
