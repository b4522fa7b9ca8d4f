using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace VanishingGradient;

/// <summary>
/// The distribution of each hidden layer's activations, measured on a fixed set of held-out digits at one moment of training.
/// </summary>
/// <param name="Epoch">How far training had gone: mini-batch updates so far divided by updates per epoch.</param>
/// <param name="Mean">Per hidden layer: the mean of a = f(z) over every unit and probe digit.</param>
/// <param name="StandardDeviation">Per hidden layer: the population standard deviation of those values.</param>
/// <param name="Percentile2">Per hidden layer: the 2nd percentile of those values.</param>
/// <param name="Percentile98">Per hidden layer: the 98th percentile of those values.</param>
public sealed record ActivationSnapshot(double Epoch, double[] Mean, double[] StandardDeviation, double[] Percentile2, double[] Percentile98);

/// <summary>One activation's run of the Glorot &amp; Bengio experiment: the snapshots in training order, and the final test accuracy.</summary>
public sealed record ActivationsRun(string Activation, IReadOnlyList<ActivationSnapshot> Snapshots, double TestAccuracy);

/// <summary>
/// Glorot &amp; Bengio (2010), "Understanding the difficulty of training deep feedforward neural networks", Figures 2 and 3:
/// a network with 4 hidden layers, "standard" initialisation W ~ U[−1/√n_in, 1/√n_in] with zero biases, a softmax output
/// with the negative log-likelihood, plain SGD on mini-batches of 10, and each hidden layer's activations watched on 300
/// fixed held-out examples as training goes on. They found that with sigmoid units the top hidden layer is driven to
/// saturation at 0 early and leaves it only slowly (Figure 2), and that with tanh units the layers saturate one after
/// another, starting with the first (Figure 3). Differences here: MNIST digits instead of their Shapeset-3×2, 100 units per
/// hidden layer instead of 1,000, and the lab's η and number of epochs.
/// </summary>
public static class GlorotBengio
{
    /// <summary>Hidden layers, as in their Figures 2 and 3.</summary>
    public const int HiddenLayers = 4;

    /// <summary>Units per hidden layer (theirs: 1,000).</summary>
    public const int HiddenWidth = 100;

    /// <summary>Held-out digits on which the activations are measured (theirs: 300 test examples).</summary>
    public const int ProbeCount = 300;

    /// <summary>Snapshots per epoch, after the first epoch's early ones (<see cref="EarlyUpdates"/>).</summary>
    public const int SnapshotsPerEpoch = 4;

    /// <summary>Extra snapshots after these numbers of updates: tanh layers saturate within the first few hundred.</summary>
    public static readonly int[] EarlyUpdates = [5, 10, 20, 35, 50, 75, 100, 150];

    /// <summary>
    /// Trains [784, 100, 100, 100, 100, 10] with <paramref name="activation"/> (sigmoid or tanh) hidden units and takes
    /// <see cref="SnapshotsPerEpoch"/> snapshots per epoch (and one before the first update, and after each of
    /// <see cref="EarlyUpdates"/>) of the hidden activations on the first <see cref="ProbeCount"/> test digits.
    /// </summary>
    public static ActivationsRun Run(string activation, Dataset train, Dataset test, TrainingSettings settings)
    {
        var layers = Enumerable.Range(0, HiddenLayers)
            .Select(l => new Layer(l == 0 ? train.FeatureCount : HiddenWidth, HiddenWidth, activation == "tanh" ? new Tanh() : new Sigmoid()))
            .Append(new Layer(HiddenWidth, train.ClassCount, new Softmax()));
        var network = new Network(layers);
        network.Initialize(new StandardUniform(), settings.Seed);
        var trainer = new Trainer(network, new TrainerOptions
        {
            BatchSize = settings.BatchSize, LearningRate = settings.LearningRate, Loss = new CategoricalCrossEntropy(), Optimizer = new Sgd(), Seed = settings.Seed,
        });
        var probe = test.Take(Math.Min(ProbeCount, test.Count)).Inputs;
        int perEpoch = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
        int every = Math.Max(1, perEpoch / SnapshotsPerEpoch);
        var snapshots = new List<ActivationSnapshot> { Snapshot(network, probe, 0) };
        int updates = 0;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
            foreach (var batch in train.Batches(settings.BatchSize, shuffleSeed: settings.Seed * 1000 + epoch))
            {
                trainer.TrainBatch(batch.Inputs, batch.Targets);
                if (++updates % every == 0 || EarlyUpdates.Contains(updates)) snapshots.Add(Snapshot(network, probe, updates / (double)perEpoch));
            }
        double accuracy = Evaluation.Accuracy(network.Predict(test.Inputs), test.Labels);
        return new ActivationsRun(activation, snapshots, accuracy);
    }

    /// <summary>The hidden layers' activation statistics for <paramref name="probe"/> (inference mode: nothing is trained).</summary>
    static ActivationSnapshot Snapshot(Network network, Matrix<double> probe, double epoch)
    {
        int hidden = network.Layers.Count - 1;
        var (mean, sd, p2, p98) = (new double[hidden], new double[hidden], new double[hidden], new double[hidden]);
        var a = probe;
        for (int l = 0; l < hidden; l++)
        {
            a = network.Layers[l].Forward(a, training: false);
            double[] values = a.ToColumnMajorArray();
            mean[l] = values.Average();
            sd[l] = Math.Sqrt(values.Average(v => (v - mean[l]) * (v - mean[l])));
            Array.Sort(values);
            p2[l] = Percentile(values, 0.02);
            p98[l] = Percentile(values, 0.98);
            a = a.Clone();   // the next layer's Forward must not see this layer's buffer change
        }
        return new ActivationSnapshot(epoch, mean, sd, p2, p98);
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between neighbours (NumPy's default).</summary>
    static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>Glorot &amp; Bengio's "standard" initialisation (their eq. 1): W ~ U[−1/√n_in, 1/√n_in], biases 0.</summary>
    sealed class StandardUniform : IInitializer
    {
        public void Initialize(Matrix<double> weights, Vector<double> biases, Random random)
        {
            double r = 1 / Math.Sqrt(weights.ColumnCount);
            for (int k = 0; k < weights.ColumnCount; k++)
                for (int j = 0; j < weights.RowCount; j++)
                    weights[j, k] = (2 * random.NextDouble() - 1) * r;
            biases.Clear();
        }
    }
}
