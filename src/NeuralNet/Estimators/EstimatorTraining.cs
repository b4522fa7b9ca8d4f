using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Preprocessing;
using NeuralNet.Training;

namespace NeuralNet.Estimators;

/// <summary>
/// What both estimators do in <c>Fit</c>, on rows already scaled: hold out the validation rows, build and initialise the
/// network, train it with fresh <see cref="TrainerOptions"/>. Also the row ↔ column conversions: the estimators take one
/// row per sample, the core one column per sample.
/// </summary>
internal static class EstimatorTraining
{
    /// <summary>Trains a new network on <paramref name="inputs"/> → <paramref name="targets"/> (both one row per sample).</summary>
    /// <remarks><paramref name="strata"/>: one class index per row for a stratified validation split, or null for a random one.</remarks>
    public static (Network Network, TrainingHistory History) Train(NeuralNetOptions options, double[][] inputs, double[][] targets,
        int[]? strata, Func<IActivation> outputActivation, ILoss defaultLoss)
    {
        int n = inputs.Length;
        int[] train = Enumerable.Range(0, n).ToArray();
        int[]? validation = null;
        if (options.EarlyStopping)
        {
            if (n < 2 || Math.Ceiling(options.ValidationFraction * n) >= n)
                throw new ArgumentException($"Early stopping holds out {options.ValidationFraction:P0} of the rows for validation, which leaves nothing to train on with {n} rows; pass more rows or set EarlyStopping = false.", nameof(inputs));
            // The split has its own stream, derived from the seed, so it does not shift the weights' or the shuffle's draws.
            int splitSeed = SeedSequence.Derive(options.Seed, 0, SeedSequence.Shuffle);
            (train, validation) = strata is null
                ? TrainTestSplit.Indices(n, options.ValidationFraction, splitSeed)
                : TrainTestSplit.StratifiedIndices(strata, options.ValidationFraction, splitSeed);
        }

        var sizes = new List<int> { inputs[0].Length };
        sizes.AddRange(options.HiddenLayerSizes);
        var layers = new List<Layer>();
        for (int l = 0; l + 1 < sizes.Count; l++)
            layers.Add(new Layer(sizes[l], sizes[l + 1], options.HiddenActivation(), options.BatchNorm, options.Dropout));
        layers.Add(new Layer(sizes[^1], targets[0].Length, outputActivation()));
        var network = new Network(layers);
        // One generator for all layers, as Network.Initialize does; each layer asks for its own initialiser. The default is
        // scikit-learn's (ScikitLearnUniform): f = 2 for a sigmoid hidden activation, else 6, for every layer.
        var initializer = options.Initializer
            ?? (options.HiddenActivation() is Sigmoid ? _ => new ScikitLearnUniform(2.0) : _ => new ScikitLearnUniform(6.0));
        var random = new Random(options.Seed);
        foreach (var layer in layers)                                  // the built-in layers just made
        {
            initializer(layer.Activation).Initialize(layer.Weights, layer.Biases, random);
            layer.ResetBatchNorm();
        }

        int batchSize = options.BatchSize ?? Math.Min(200, train.Length);
        var trainerOptions = new TrainerOptions
        {
            Epochs = options.MaxEpochs,
            BatchSize = batchSize,
            LearningRate = options.LearningRate,
            Loss = options.Loss ?? defaultLoss,
            Optimizer = options.Optimizer(),
            // scikit-learn's α/(2m)·Σ‖W‖² per batch of m is a decay of α/m (NeuralNetOptions.Alpha).
            WeightDecay = options.WeightDecay + options.Alpha / Math.Min(batchSize, train.Length),
            Seed = options.Seed,
            // The trainer watches the validation loss when it has validation rows, else the training loss (scikit-learn's
            // default rule); the best weights are kept only with a validation set, as in scikit-learn.
            EarlyStopping = new EarlyStopping(options.Patience, options.Tolerance, restoreBestWeights: options.EarlyStopping),
        };
        if (options.ConfigureTrainer is { } configure)
            trainerOptions = configure(trainerOptions) ?? throw new InvalidOperationException("NeuralNetOptions.ConfigureTrainer returned null; return the TrainerOptions to use.");

        var trainer = new Trainer(network, trainerOptions);
        var history = validation is null
            ? trainer.Train(Columns(inputs, train), Columns(targets, train), options.Progress)
            : trainer.Train(Columns(inputs, train), Columns(targets, train), Columns(inputs, validation), Columns(targets, validation), options.Progress);
        return (network, history);
    }

    /// <summary>The scaler of <paramref name="scaling"/>, fitted on <paramref name="rows"/>; null for <see cref="FeatureScaling.None"/>.</summary>
    public static FeatureScaler? FitScaler(FeatureScaling scaling, double[][] rows) => scaling switch
    {
        FeatureScaling.None => null,
        FeatureScaling.Standard => new StandardScaler().Fit(rows),
        FeatureScaling.MinMax => new MinMaxScaler().Fit(rows),
        _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, $"Expected None, Standard or MinMax. Received: {scaling}."),
    };

    /// <summary>The selected rows as a matrix with one column per sample: column j is rows[indices[j]].</summary>
    public static Matrix<double> Columns(double[][] rows, int[] indices)
    {
        var result = Matrix<double>.Build.Dense(rows[0].Length, indices.Length);
        var data = result.AsColumnMajorArray();
        for (int j = 0; j < indices.Length; j++)
            rows[indices[j]].CopyTo(data, j * rows[0].Length);
        return result;
    }

    /// <summary>A matrix with one row per sample as arrays (<c>rows[i][j]</c> = matrix[i, j]).</summary>
    public static double[][] Rows(Matrix<double> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        return rows.ToRowArrays();
    }

    /// <summary>The features of each item, through <paramref name="features"/>.</summary>
    public static double[][] Rows<T>(IEnumerable<T> items, Func<T, double[]> features)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(features);
        return items.Select(features).ToArray();
    }
}
