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
/// A feed-forward network classifier with scikit-learn's fit/predict shape: <c>Fit(rows, labels)</c>,
/// <c>Predict(rows)</c>, <c>PredictProbabilities(rows)</c>, for labels of any type (<c>string</c>, <c>int</c>, an enum, …).
/// Two classes give one sigmoid output with binary cross-entropy, more give softmax with categorical cross-entropy.
/// </summary>
/// <remarks>
/// <para><b>One row per sample.</b> Every method takes <c>rows[i][j]</c> = feature j of sample i (or a
/// <see cref="Matrix{T}"/> with one <i>row</i> per sample, or items with a selector), as scikit-learn and ML.NET do. The
/// core (<see cref="Network"/>, <see cref="Trainer"/>) takes the transpose, one <i>column</i> per sample; the estimator
/// converts, so a square data matrix can never be read the wrong way round here.</para>
/// <para><b>What Fit does.</b> Fits the scaler of <see cref="NeuralNetOptions.Scaling"/> on the rows, sorts the classes
/// (<see cref="Classes"/>; strings ordinally), holds out a stratified <see cref="NeuralNetOptions.ValidationFraction"/> for
/// early stopping, builds a new network (input → hidden layers → output) and trains it with a new optimizer. The same
/// options and data give the same model on every run.</para>
/// <para><b>Saved whole.</b> <see cref="Save"/> writes the network, the fitted scaler and the classes into one model file;
/// <see cref="Load"/> gives a classifier that takes raw rows. <see cref="ExportOnnx"/> writes an ONNX graph whose input is
/// the raw rows (the scaler is its first Sub/Div nodes) and whose output is <see cref="PredictProbabilities(double[][])"/>.</para>
/// <para><b>Threads.</b> After <c>Fit</c> (or <see cref="Load"/>), the predict methods may be called from several threads
/// at once: they take turns on the network, whose layers keep work buffers. <c>Fit</c> must not overlap any other call.</para>
/// </remarks>
/// <typeparam name="TLabel">The label type; labels are compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
/// <example><code>
/// var classifier = new NeuralNetClassifier&lt;string&gt;().Fit(trainRows, trainLabels);
/// string[] predicted = classifier.Predict(testRows);
/// double accuracy = classifier.Score(testRows, testLabels);
/// classifier.Save("cancer.json");     // network, scaler and classes in one file
/// </code></example>
public sealed class NeuralNetClassifier<TLabel> where TLabel : notnull
{
    private readonly Lock _predicting = new();
    private Network? _network;
    private TLabel[]? _classes;

    /// <summary>Creates an unfitted classifier.</summary>
    /// <param name="options">How to build and train the network; null for the defaults.</param>
    public NeuralNetClassifier(NeuralNetOptions? options = null) => Options = options ?? new NeuralNetOptions();

    /// <summary>The options <c>Fit</c> uses (the defaults for a loaded classifier).</summary>
    public NeuralNetOptions Options { get; }

    /// <summary>The classes in output order: ascending (<see cref="Comparer{T}.Default"/>, strings ordinally). Output k of <see cref="PredictProbabilities(double[][])"/> is P(Classes[k] | x).</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public IReadOnlyList<TLabel> Classes => _classes ?? throw NotFitted();

    /// <summary>The trained network (the core's <see cref="NeuralNet.Network"/>, one column per sample); it sees scaled inputs.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public Network Network => _network ?? throw NotFitted();

    /// <summary>What training measured, per epoch and per layer (losses, validation loss and accuracy, gradient norms, saturated and dead units); null for a loaded classifier.</summary>
    public TrainingHistory? TrainingHistory { get; private set; }

    /// <summary>The scaler fitted on the training rows, or null with <see cref="FeatureScaling.None"/>.</summary>
    public FeatureScaler? Scaler { get; private set; }

    /// <summary>True once <c>Fit</c> or <see cref="Load"/> has given the classifier a network.</summary>
    public bool IsFitted => _network is not null;

    /// <summary>The number of features each row must have.</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public int FeatureCount => Network.InputSize;

    /// <summary>Fits the scaler and trains a new network on <paramref name="rows"/> (one row per sample) and their <paramref name="labels"/>; returns this classifier.</summary>
    /// <exception cref="ArgumentException">No rows, ragged rows, a non-finite value (row and column named), a different number of labels than rows, or fewer than two classes.</exception>
    /// <exception cref="TrainingDivergedException">Training diverged (try a smaller <see cref="NeuralNetOptions.LearningRate"/>).</exception>
    public NeuralNetClassifier<TLabel> Fit(double[][] rows, IReadOnlyList<TLabel> labels)
    {
        RowGuard.Rectangular(rows, nameof(rows));
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != rows.Length)
            throw new ArgumentException($"Expected one label per row. Received: {rows.Length} rows and {labels.Count} labels.", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] is null) throw new ArgumentException($"labels[{i}] is null.", nameof(labels));

        var classes = labels.Distinct().ToArray();
        Array.Sort(classes, typeof(TLabel) == typeof(string) ? (IComparer<TLabel>)StringComparer.Ordinal : Comparer<TLabel>.Default);
        if (classes.Length < 2)
            throw new ArgumentException($"Expected at least two classes to tell apart. Received: every label is \"{classes[0]}\".", nameof(labels));
        var index = new Dictionary<TLabel, int>();
        for (int k = 0; k < classes.Length; k++) index[classes[k]] = k;
        int[] y = labels.Select(l => index[l]).ToArray();

        var scaler = EstimatorTraining.FitScaler(Options.Scaling, rows);
        var inputs = scaler?.Transform(rows) ?? rows;
        bool binary = classes.Length == 2;
        var targets = y.Select(k => binary ? [k] : OneHot(k, classes.Length)).ToArray();
        var (network, history) = binary
            ? EstimatorTraining.Train(Options, inputs, targets, y, () => new Sigmoid(), new BinaryCrossEntropy())
            : EstimatorTraining.Train(Options, inputs, targets, y, () => new Softmax(), new CategoricalCrossEntropy());
        (_network, _classes, Scaler, TrainingHistory) = (network, classes, scaler, history);
        return this;
    }

    /// <summary>Fits on a matrix with <b>one row per sample</b> (n × features, the transpose of the core's orientation).</summary>
    public NeuralNetClassifier<TLabel> Fit(Matrix<double> rows, IReadOnlyList<TLabel> labels) => Fit(EstimatorTraining.Rows(rows, nameof(rows)), labels);

    /// <summary>Fits on items: <paramref name="features"/> gives each item's row, <paramref name="label"/> its class.</summary>
    public NeuralNetClassifier<TLabel> Fit<T>(IEnumerable<T> items, Func<T, double[]> features, Func<T, TLabel> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var list = items?.ToList() ?? throw new ArgumentNullException(nameof(items));
        return Fit(EstimatorTraining.Rows(list, features), list.Select(label).ToArray());
    }

    /// <summary>
    /// P(class k | xᵢ) for every row: one row per sample, one column per class in <see cref="Classes"/> order, each row summing
    /// to 1. For two classes the network's single sigmoid output p gives [1 − p, p].
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="ArgumentException">Ragged rows, a row with the wrong number of features (both named), or a non-finite value.</exception>
    public double[][] PredictProbabilities(double[][] rows)
    {
        var network = Network;
        int features = RowGuard.Rectangular(rows, nameof(rows));
        if (features != network.InputSize)
            throw new ArgumentException($"Each row must have {network.InputSize} features (the classifier was fitted on {network.InputSize}). Received: rows of {features}.", nameof(rows));
        var inputs = Scaler?.Transform(rows) ?? rows;
        double[][] outputs;
        lock (_predicting) outputs = network.Predict(inputs);
        return _classes!.Length == 2 ? outputs.Select(p => new[] { 1 - p[0], p[0] }).ToArray() : outputs;
    }

    /// <summary>Probabilities for a matrix with <b>one row per sample</b>.</summary>
    public double[][] PredictProbabilities(Matrix<double> rows) => PredictProbabilities(EstimatorTraining.Rows(rows, nameof(rows)));

    /// <summary>Probabilities for items, through <paramref name="features"/>.</summary>
    public double[][] PredictProbabilities<T>(IEnumerable<T> items, Func<T, double[]> features) => PredictProbabilities(EstimatorTraining.Rows(items, features));

    /// <summary>The predicted class of every row: Classes[argmaxₖ P(k | xᵢ)] (ties to the first class; for two classes, the second class when p ≥ 0.5).</summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    /// <exception cref="ArgumentException">Ragged rows, a row with the wrong number of features, or a non-finite value.</exception>
    public TLabel[] Predict(double[][] rows)
    {
        var probabilities = PredictProbabilities(rows);
        var classes = _classes!;
        var result = new TLabel[probabilities.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int best = 0;
            for (int k = 1; k < classes.Length; k++)
                if (probabilities[i][k] > probabilities[i][best]) best = k;
            if (classes.Length == 2) best = probabilities[i][1] >= 0.5 ? 1 : 0;
            result[i] = classes[best];
        }
        return result;
    }

    /// <summary>Predicts for a matrix with <b>one row per sample</b>.</summary>
    public TLabel[] Predict(Matrix<double> rows) => Predict(EstimatorTraining.Rows(rows, nameof(rows)));

    /// <summary>Predicts for items, through <paramref name="features"/>.</summary>
    public TLabel[] Predict<T>(IEnumerable<T> items, Func<T, double[]> features) => Predict(EstimatorTraining.Rows(items, features));

    /// <summary>Predicts one sample.</summary>
    public TLabel Predict(double[] row) => Predict([row ?? throw new ArgumentNullException(nameof(row))])[0];

    /// <summary>Accuracy on <paramref name="rows"/>: the share of rows whose predicted class is their label (<see cref="ClassificationMetrics.Accuracy{TLabel}"/>).</summary>
    public double Score(double[][] rows, IReadOnlyList<TLabel> labels) => ClassificationMetrics.Accuracy(labels, Predict(rows));

    /// <summary>Saves the network, the fitted scaler and the classes to one model file (format version 2), atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="info">Optional description and training summary.</param>
    /// <exception cref="InvalidOperationException">Not fitted, or a parameter is not finite.</exception>
    /// <exception cref="NotSupportedException">The labels have no text form (see <see cref="Load"/>).</exception>
    public void Save(string path, ModelInfo? info = null) =>
        EstimatorFile.Save(path, Network, info, new()
        {
            Kind = EstimatorFile.Classifier,
            InputScaler = EstimatorFile.ToDocument(Scaler),
            LabelType = LabelText.TypeName<TLabel>(),
            Classes = Classes.Select(c => (string?)LabelText.Format(c)).ToList(),
        });

    /// <summary>
    /// Loads a classifier saved by <see cref="Save"/>: it takes raw rows and predicts the same labels. Labels are stored as
    /// text: strings, numbers, bool, char, enums (by name), Guid, DateTime and DateTimeOffset.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid classifier of this label type; the message names the file and the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static NeuralNetClassifier<TLabel> Load(string path)
    {
        var (network, estimator) = EstimatorFile.Load(path, EstimatorFile.Classifier);
        if (estimator.LabelType != LabelText.TypeName<TLabel>())
            throw ModelCodec.Invalid(path, $"estimator.labelType is \"{estimator.LabelType}\", but it is loaded as NeuralNetClassifier<{typeof(TLabel).Name}> (\"{LabelText.TypeName<TLabel>()}\")");
        if (estimator.Classes is not { Count: >= 2 } texts)
            throw ModelCodec.Invalid(path, estimator.Classes is null ? "estimator.classes is missing" : $"estimator.classes has {estimator.Classes.Count} classes, expected at least 2");
        int expectedOutputs = texts.Count == 2 ? 1 : texts.Count;
        if (network.OutputSize != expectedOutputs)
            throw ModelCodec.Invalid(path, $"estimator.classes has {texts.Count} classes, so the network needs {expectedOutputs} outputs, but it has {network.OutputSize}");
        var classes = new TLabel[texts.Count];
        for (int k = 0; k < classes.Length; k++)
        {
            try
            {
                classes[k] = LabelText.Parse<TLabel>(texts[k] ?? throw new FormatException("it is null"));
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException or NotSupportedException)
            {
                throw new InvalidDataException($"{path}: estimator.classes[{k}] \"{texts[k]}\" is not a {typeof(TLabel).Name}: {e.Message}", e);
            }
        }
        var classifier = new NeuralNetClassifier<TLabel>
        {
            _network = network,
            _classes = classes,
            Scaler = EstimatorFile.ToScaler(estimator.InputScaler, network.InputSize, "estimator.inputScaler", path),
        };
        return classifier;
    }

    /// <summary>
    /// Writes an ONNX model that takes raw rows: input <c>"input"</c> [N, features] float64 → the scaler's Sub and Div →
    /// the network → output <c>"output"</c> [N, classes] float64, equal to <see cref="PredictProbabilities(double[][])"/>.
    /// The classes are in the model's metadata_props under <c>"classes"</c> (one per line, in output order).
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted.</exception>
    public void ExportOnnx(string path) =>
        OnnxExporter.Export(Network, path, new OnnxPipeline(
            Scaler?.Offset.ToArray(), Scaler?.Scale.ToArray(), null, null, BinaryProbabilities: Classes.Count == 2,
            [new("classes", string.Join("\n", Classes.Select(c => c.ToString())))]));

    /// <inheritdoc/>
    public override string ToString() => _network is null
        ? $"NeuralNetClassifier<{typeof(TLabel).Name}>[not fitted]"
        : $"NeuralNetClassifier<{typeof(TLabel).Name}>[{_classes!.Length} classes, {Scaler?.ToString() ?? "no scaling"}, {_network}]";

    private static double[] OneHot(int k, int classes)
    {
        var v = new double[classes];
        v[k] = 1;
        return v;
    }

    private static InvalidOperationException NotFitted() =>
        new($"This NeuralNetClassifier<{typeof(TLabel).Name}> is not fitted yet: call Fit(rows, labels) or NeuralNetClassifier<{typeof(TLabel).Name}>.Load(path) first.");
}
