using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Metrics;
using NeuralNet.Onnx;
using NeuralNet.Preprocessing;
using NeuralNet.Serialization;
using NeuralNet.Training;

namespace NeuralNet.Estimators;

/// <summary>
/// A feed-forward network regressor with scikit-learn's fit/predict shape, for one target (<c>Fit(rows, double[])</c>)
/// or several (<c>Fit(rows, double[][])</c>): identity outputs, mean squared error, and the targets standardised inside
/// (ŷ = network(x′)·σ_y + μ_y), so that the defaults work whatever the targets' units.
/// </summary>
/// <remarks>
/// <para><b>One row per sample</b>, for inputs and targets alike (<c>rows[i][j]</c> = feature j of sample i,
/// <c>targets[i][k]</c> = target k of sample i), as <see cref="NeuralNetClassifier{TLabel}"/>; the core takes the
/// transpose.</para>
/// <para><b>Why the targets are scaled.</b> With targets in the hundreds (diabetes progression, 25–346) the first
/// gradients of an unscaled output are hundreds of times larger than with standardised ones, and η tuned for one is wrong
/// for the other; the core's defaults diverged on such data. Standardising y makes the output layer start at the right
/// scale; <see cref="Predict(double[][])"/> undoes it, so predictions are in the targets' units.</para>
/// <para><b>Saved whole.</b> <see cref="Save"/> writes the network and both scalers into one model file;
/// <see cref="ExportOnnx"/> writes a graph that takes raw rows (Sub, Div) and gives targets in their units (Mul, Add).</para>
/// <para><b>Threads.</b> After <c>Fit</c> (or <see cref="Load"/>), the predict methods may be called from several threads
/// at once (they take turns on the network). <c>Fit</c> must not overlap any other call.</para>
/// </remarks>
/// <example><code>
/// var regressor = new NeuralNetRegressor().Fit(trainRows, trainTargets);
/// double r2 = regressor.Score(testRows, testTargets);      // R²
/// </code></example>
public sealed class NeuralNetRegressor
{
    private readonly Lock _predicting = new();
    private Network? _network;

    /// <summary>Creates an unfitted regressor.</summary>
    /// <param name="options">How to build and train the network; null for the defaults.</param>
    public NeuralNetRegressor(NeuralNetOptions? options = null) => Options = options ?? new NeuralNetOptions();

    /// <summary>The options <c>Fit</c> uses (the defaults for a loaded regressor).</summary>
    public NeuralNetOptions Options { get; }

    /// <summary>The trained network (one column per sample); it sees scaled inputs and predicts scaled targets.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public Network Network => _network ?? throw NotFitted();

    /// <summary>What training measured, per epoch and per layer; null for a loaded regressor. Its validation accuracy is null: a regression has none.</summary>
    public TrainingHistory? TrainingHistory { get; private set; }

    /// <summary>The scaler fitted on the training rows, or null with <see cref="FeatureScaling.None"/>.</summary>
    public FeatureScaler? Scaler { get; private set; }

    /// <summary>The standard scaler fitted on the training targets, or null with <see cref="NeuralNetOptions.ScaleTargets"/> false.</summary>
    public FeatureScaler? TargetScaler { get; private set; }

    /// <summary>True once <c>Fit</c> or <see cref="Load"/> has given the regressor a network.</summary>
    public bool IsFitted => _network is not null;

    /// <summary>The number of targets per sample (1 after <c>Fit(rows, double[])</c>).</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public int TargetCount => Network.OutputSize;

    /// <summary>Fits on rows and one target per row; returns this regressor.</summary>
    /// <exception cref="ArgumentException">No rows, ragged rows, a non-finite value (named), or a different number of targets than rows.</exception>
    /// <exception cref="TrainingDivergedException">Training diverged (try a smaller <see cref="NeuralNetOptions.LearningRate"/>).</exception>
    public NeuralNetRegressor Fit(double[][] rows, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Fit(rows, targets.Select(t => new[] { t }).ToArray());
    }

    /// <summary>Fits on rows and several targets per row (<c>targets[i][k]</c> = target k of sample i); returns this regressor.</summary>
    /// <exception cref="ArgumentException">No rows, ragged rows or targets, a non-finite value (named), or a different number of target rows than rows.</exception>
    /// <exception cref="TrainingDivergedException">Training diverged (try a smaller <see cref="NeuralNetOptions.LearningRate"/>).</exception>
    public NeuralNetRegressor Fit(double[][] rows, double[][] targets)
    {
        RowGuard.Rectangular(rows, nameof(rows));
        RowGuard.Rectangular(targets, nameof(targets));
        if (targets.Length != rows.Length)
            throw new ArgumentException($"Expected one target row per row. Received: {rows.Length} rows and {targets.Length} target rows.", nameof(targets));
        var scaler = EstimatorTraining.FitScaler(Options.Scaling, rows);
        var targetScaler = Options.ScaleTargets ? new StandardScaler().Fit(targets) : null;
        var (network, history) = EstimatorTraining.Train(Options, scaler?.Transform(rows) ?? rows, targetScaler?.Transform(targets) ?? targets,
            strata: null, () => new Identity(), new MeanSquaredError());
        (_network, Scaler, TargetScaler, TrainingHistory) = (network, scaler, targetScaler, history);
        return this;
    }

    /// <summary>Fits on a matrix with <b>one row per sample</b> (n × features) and one target per row.</summary>
    public NeuralNetRegressor Fit(Matrix<double> rows, IReadOnlyList<double> targets) => Fit(EstimatorTraining.Rows(rows, nameof(rows)), targets);

    /// <summary>Fits on items: <paramref name="features"/> gives each item's row, <paramref name="target"/> its target.</summary>
    public NeuralNetRegressor Fit<T>(IEnumerable<T> items, Func<T, double[]> features, Func<T, double> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var list = items?.ToList() ?? throw new ArgumentNullException(nameof(items));
        return Fit(EstimatorTraining.Rows(list, features), list.Select(target).ToArray());
    }

    /// <summary>Every target of every row, in the targets' units: one row per sample, <see cref="TargetCount"/> values each.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="ArgumentException">Ragged rows, a row with the wrong number of features (both named), or a non-finite value.</exception>
    public double[][] PredictTargets(double[][] rows)
    {
        var network = Network;
        int features = RowGuard.Rectangular(rows, nameof(rows));
        if (features != network.InputSize)
            throw new ArgumentException($"Each row must have {network.InputSize} features (the regressor was fitted on {network.InputSize}). Received: rows of {features}.", nameof(rows));
        var inputs = Scaler?.Transform(rows) ?? rows;
        double[][] outputs;
        lock (_predicting) outputs = network.Predict(inputs);
        return TargetScaler?.InverseTransform(outputs) ?? outputs;
    }

    /// <summary>The single target of every row, in its units.</summary>
    /// <exception cref="InvalidOperationException">Not fitted, or fitted on several targets (use <see cref="PredictTargets"/>).</exception>
    public double[] Predict(double[][] rows)
    {
        if (TargetCount != 1)
            throw new InvalidOperationException($"This regressor predicts {TargetCount} targets per row; use PredictTargets(rows), which returns one array of {TargetCount} values per row.");
        return PredictTargets(rows).Select(t => t[0]).ToArray();
    }

    /// <summary>Predicts for a matrix with <b>one row per sample</b>.</summary>
    public double[] Predict(Matrix<double> rows) => Predict(EstimatorTraining.Rows(rows, nameof(rows)));

    /// <summary>Predicts for items, through <paramref name="features"/>.</summary>
    public double[] Predict<T>(IEnumerable<T> items, Func<T, double[]> features) => Predict(EstimatorTraining.Rows(items, features));

    /// <summary>Predicts one sample's single target.</summary>
    public double Predict(double[] row) => Predict([row ?? throw new ArgumentNullException(nameof(row))])[0];

    /// <summary>R² on <paramref name="rows"/> (<see cref="RegressionMetrics.R2(IReadOnlyList{double}, IReadOnlyList{double})"/>).</summary>
    public double Score(double[][] rows, IReadOnlyList<double> targets) => RegressionMetrics.R2(targets, Predict(rows));

    /// <summary>Saves the network and both fitted scalers to one model file (format version 2), atomically.</summary>
    /// <exception cref="InvalidOperationException">Not fitted, or a parameter is not finite.</exception>
    public void Save(string path, ModelInfo? info = null) =>
        EstimatorFile.Save(path, Network, info, new()
        {
            Kind = EstimatorFile.Regressor,
            InputScaler = EstimatorFile.ToDocument(Scaler),
            TargetScaler = EstimatorFile.ToDocument(TargetScaler),
        });

    /// <summary>Loads a regressor saved by <see cref="Save"/>: it takes raw rows and predicts in the targets' units.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid regressor; the message names the file and the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static NeuralNetRegressor Load(string path)
    {
        var (network, estimator) = EstimatorFile.Load(path, EstimatorFile.Regressor);
        return new NeuralNetRegressor
        {
            _network = network,
            Scaler = EstimatorFile.ToScaler(estimator.InputScaler, network.InputSize, "estimator.inputScaler", path),
            TargetScaler = EstimatorFile.ToScaler(estimator.TargetScaler, network.OutputSize, "estimator.targetScaler", path),
        };
    }

    /// <summary>
    /// Writes an ONNX model that takes raw rows: input <c>"input"</c> [N, features] float64 → Sub, Div (the input scaler) →
    /// the network → Mul, Add (the target scaler undone) → output <c>"output"</c> [N, targets] float64, equal to <see cref="PredictTargets"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public void ExportOnnx(string path) =>
        OnnxExporter.Export(Network, path, new OnnxPipeline(
            Scaler?.Offset.ToArray(), Scaler?.Scale.ToArray(), TargetScaler?.Offset.ToArray(), TargetScaler?.Scale.ToArray(),
            BinaryProbabilities: false, []));

    /// <inheritdoc/>
    public override string ToString() => _network is null
        ? "NeuralNetRegressor[not fitted]"
        : $"NeuralNetRegressor[{TargetCount} target{(TargetCount == 1 ? "" : "s")}, {Scaler?.ToString() ?? "no scaling"}, {_network}]";

    private static InvalidOperationException NotFitted() =>
        new("This NeuralNetRegressor is not fitted yet: call Fit(rows, targets) or NeuralNetRegressor.Load(path) first.");
}
