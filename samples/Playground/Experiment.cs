using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace Playground;

/// <summary>
/// The training story of one playground session: a seeded 2-D point set, a network of sigmoid/tanh/ReLU/… hidden layers and
/// one sigmoid output unit, trained one epoch at a time by the library's <see cref="Trainer"/>. After each epoch
/// <see cref="Snapshot"/> reads what the trainer reported (<see cref="EpochReport"/>, <see cref="LayerReport"/>) and what
/// each unit computes over the input plane. Nothing here recomputes a gradient: the page shows what the library computed.
/// </summary>
/// <remarks>Not thread-safe: one <see cref="Session"/> thread drives it.</remarks>
public sealed class Experiment
{
    /// <summary>g: the output is sampled on a g × g grid; hidden units on a g/2 × g/2 grid (2 × 2 averages).</summary>
    public const int Grid = 24;

    /// <summary>The input plane shown: [−1.6, 1.6]², a margin around the datasets' clean shapes in [−1, 1]².</summary>
    public const double Extent = 1.6;

    private readonly Matrix<double> _x, _y, _testX, _testY;   // inputs 2 × n, targets 1 × n (the label, 0 or 1)
    private readonly Matrix<double> _plane = PlaneGrid();       // 2 × g², one column per grid point
    private IOptimizer _optimizer = null!;

    /// <summary>Generates the data and builds the network (epoch 0).</summary>
    public Experiment(PlaygroundConfig config)
    {
        Config = config;
        // 1. The data: a seeded point set in the plane, split at random into training and test points.
        (TrainingSet, TestSet) = ToyDatasets.GenerateSplit(PlaygroundConfig.Datasets[config.Dataset], config.Points, config.Noise, config.TrainFraction, config.Seed);
        (_x, _y) = (TrainingSet.Inputs, LabelRow(TrainingSet));
        (_testX, _testY) = (TestSet.Inputs, LabelRow(TestSet));
        Reset();
    }

    /// <summary>The configuration this experiment was built from.</summary>
    public PlaygroundConfig Config { get; }

    /// <summary>The training points: inputs 2 × n, labels 0/1.</summary>
    public Dataset TrainingSet { get; }

    /// <summary>The test points, never trained on: the test loss.</summary>
    public Dataset TestSet { get; }

    /// <summary>The network being trained.</summary>
    public Network Network { get; private set; } = null!;

    /// <summary>Epochs trained since the last <see cref="Reset"/>.</summary>
    public int Epoch { get; private set; }

    /// <summary>The trainer's report of the last epoch, or null at epoch 0.</summary>
    public EpochReport? LastReport { get; private set; }

    /// <summary>
    /// 2. The network: the configured hidden layers, then one sigmoid unit a = σ(w·h + b) read as P(class 1), trained with
    /// binary cross-entropy (so the output error is δ = a − y). Initialised from the configured initialiser and seed.
    /// </summary>
    public static Network BuildNetwork(PlaygroundConfig config)
    {
        var layers = new List<Layer>();
        int inputs = 2;
        foreach (int units in config.Hidden)
        {
            layers.Add(new Layer(inputs, units, PlaygroundConfig.Activations[config.Activation](), batchNorm: config.BatchNorm));
            inputs = units;
        }
        layers.Add(new Layer(inputs, 1, new Sigmoid()));
        var network = new Network(layers);
        if (config.Init == "default")
            network.Initialize(config.Seed);          // He for the ReLU family, Xavier otherwise, layer by layer
        else
            network.Initialize(PlaygroundConfig.Initializers[config.Init](layers[0].Activation), config.Seed);
        return network;
    }

    /// <summary>3. The training settings of epoch <paramref name="epoch"/>: one epoch, its own shuffling seed, the session's optimizer (whose state carries over).</summary>
    public static TrainerOptions TrainerOptionsFor(PlaygroundConfig config, IOptimizer optimizer, int epoch) => new()
    {
        Epochs = 1,
        BatchSize = config.BatchSize,
        LearningRate = config.LearningRate,
        Loss = new BinaryCrossEntropy(),
        Optimizer = optimizer,
        Seed = unchecked(config.Seed * 100_003 + epoch),
    };

    /// <summary>Back to epoch 0: the same seed gives the same initial network, so a reset replays the same run.</summary>
    public void Reset()
    {
        Network = BuildNetwork(Config);
        _optimizer = PlaygroundConfig.Optimizers[Config.Optimizer]();
        Epoch = 0;
        LastReport = null;
    }

    /// <summary>4. One epoch of mini-batch training (shuffle, backpropagate, update), then the cost on the test points.</summary>
    /// <exception cref="TrainingDivergedException">The cost or a gradient became NaN or infinite (e.g. a learning rate of 10).</exception>
    public EpochReport TrainEpoch()
    {
        var options = TrainerOptionsFor(Config, _optimizer, Epoch + 1);
        var history = new Trainer(Network, options).Train(_x, _y, _testX, _testY);
        Epoch++;
        return LastReport = history.Epochs[0];
    }

    /// <summary>5. What the page draws: the last report's numbers per layer, the weights, and each unit's output a over the plane.</summary>
    public Snapshot Snapshot(bool playing, string? error)
    {
        var layers = new List<LayerSnapshot>();
        var a = _plane;
        for (int l = 0; l < Network.Layers.Count; l++)
        {
            var layer = (Layer)Network.Layers[l];   // the playground builds only built-in layers
            a = layer.Forward(a, training: false);   // the layer's own forward pass, inference mode (running batch-norm statistics)
            var report = LastReport?.Layers[l];
            double weightNorm = layer.Weights.FrobeniusNorm();
            bool isOutput = l == Network.Layers.Count - 1;
            var (low, high) = Range(layer.Activation, a);
            layers.Add(new LayerSnapshot(
                Layer: l + 1,
                IsOutput: isOutput,
                Units: layer.OutputSize,
                BatchNorm: layer.BatchNorm,
                BiasGradientNorm: report?.BiasGradientNorm,
                WeightGradientNorm: report?.WeightGradientNorm,
                WeightNorm: weightNorm,
                RelativeWeightGradient: report is null || weightNorm == 0 ? null : report.WeightGradientNorm / weightNorm,
                SaturatedFraction: report?.SaturatedFraction,
                DeadFraction: report?.DeadFraction,
                Weights: Rows(layer.Weights),
                Low: low,
                High: high,
                HeatmapSize: isOutput ? Grid : Grid / 2,
                Heatmaps: Convert.ToBase64String(Heatmaps(a, low, high, isOutput ? 1 : 2))));
        }
        return new Snapshot(Epoch, playing, LastReport?.Loss, LastReport?.ValidationLoss, LastReport?.ValidationAccuracy,
            layers, Grid, Extent, error);
    }

    /// <summary>The label of each sample as a 1 × n target row (row 1 of the one-hot targets).</summary>
    private static Matrix<double> LabelRow(Dataset data) => data.Targets.SubMatrix(1, 1, 0, data.Count);

    /// <summary>Grid point (row r from the top, column c from the left) is column r·g + c: x = (−e + (c + ½)·2e/g, e − (r + ½)·2e/g).</summary>
    private static Matrix<double> PlaneGrid() => Matrix<double>.Build.Dense(2, Grid * Grid, (i, j) =>
    {
        int cell = i == 0 ? j % Grid : j / Grid;
        double offset = (cell + 0.5) * 2 * Extent / Grid;
        return i == 0 ? -Extent + offset : Extent - offset;
    });

    /// <summary>The colour scale: the activation's own range where it has one (σ: [0, 1], tanh: [−1, 1]), else the layer's range over the plane.</summary>
    private static (double Low, double High) Range(IActivation activation, Matrix<double> a) => activation switch
    {
        Sigmoid => (0, 1),
        Tanh => (-1, 1),
        _ => (Math.Min(0, TensorPrimitives.Min<double>(a.AsColumnMajorArray())), Math.Max(TensorPrimitives.Max<double>(a.AsColumnMajorArray()), 1e-9)),
    };

    /// <summary>Each unit's outputs over the g × g plane as bytes, averaged over blocks of <paramref name="block"/>².</summary>
    /// <remarks>A is n_out × g², column-major: unit u at grid point p is values[p·n_out + u].</remarks>
    private static byte[] Heatmaps(Matrix<double> a, double low, double high, int block)
    {
        var values = a.AsColumnMajorArray();
        int units = a.RowCount, size = Grid / block;
        double scale = 255 / (high - low) / (block * block);
        var bytes = new byte[units * size * size];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
                for (int unit = 0; unit < units; unit++)
                {
                    double sum = 0;
                    for (int dr = 0; dr < block; dr++)
                        for (int dc = 0; dc < block; dc++)
                            sum += values[((r * block + dr) * Grid + c * block + dc) * units + unit];
                    double level = (sum - low * block * block) * scale;
                    bytes[(unit * size + r) * size + c] = (byte)Math.Round(Math.Clamp(level, 0, 255));
                }
        return bytes;
    }

    private static double[][] Rows(Matrix<double> w)
    {
        var values = w.AsColumnMajorArray();
        var rows = new double[w.RowCount][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[w.ColumnCount];
            for (int j = 0; j < w.ColumnCount; j++) rows[i][j] = Math.Round(values[j * w.RowCount + i], 4);
        }
        return rows;
    }
}
