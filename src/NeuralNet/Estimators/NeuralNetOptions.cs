using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Preprocessing;
using NeuralNet.Training;

namespace NeuralNet.Estimators;

/// <summary>
/// How a <see cref="NeuralNetClassifier{TLabel}"/> or <see cref="NeuralNetRegressor"/> builds and trains its network. The
/// defaults follow scikit-learn's <c>MLPClassifier</c>/<c>MLPRegressor</c>: one hidden layer of 100 ReLU units, Adam with
/// η = 0.001, mini-batches of min(200, n) reshuffled every epoch, at most 200 epochs, the L2 penalty α = 0.0001, weights
/// and biases drawn as scikit-learn draws them (U(−r, r), r = √(6 / (n_in + n_out))), and early stopping as scikit-learn's
/// <c>early_stopping=True</c> does it: 10 % of the rows held out (stratified for a classifier), training stops when their
/// loss has not improved by more than 0.0001 for 11 epochs in a row (its <c>n_iter_no_change = 10</c>, <c>tol = 1e-4</c>),
/// and the best epoch's weights are kept. <see cref="EarlyStopping"/> = false is scikit-learn's own default rule: no
/// held-out rows, the same test on the training loss, the last weights kept.
/// The formulas are those of <c>sklearn/neural_network/_multilayer_perceptron.py</c> (scikit-learn 1.2.1).
/// What still differs: features are standardised inside the estimator (<see cref="Scaling"/>; scikit-learn leaves it to a
/// pipeline), a regressor standardises its targets (<see cref="ScaleTargets"/>; scikit-learn does not), Adam's ε term
/// (<see cref="Optimizer"/>), and the details of the stopping rule (<see cref="EarlyStopping"/>).
/// </summary>
/// <remarks>
/// <para>Every value is checked when it is set; an invalid one throws with the expected and the received value. Options
/// the estimator does not mirror are reachable through <see cref="ConfigureTrainer"/>, which receives the
/// <see cref="TrainerOptions"/> the estimator built and returns the ones to use.</para>
/// <para><b>Fresh state per fit.</b> The optimizer, activations and initializer are given as factories: every call to
/// <c>Fit</c> creates new ones, so two fits (or two estimators sharing these options) never share optimizer state, and the
/// same options, data and <see cref="Seed"/> give the same model.</para>
/// <para>An immutable record: safe to share between threads and estimators.</para>
/// </remarks>
/// <example><code>
/// var options = new NeuralNetOptions { HiddenLayerSizes = [64, 32], LearningRate = 3e-3, Seed = 7 };
/// var classifier = new NeuralNetClassifier&lt;string&gt;(options).Fit(rows, labels);
/// </code></example>
public sealed record NeuralNetOptions
{
    private readonly IReadOnlyList<int> _hiddenLayerSizes = [100];
    private readonly double _learningRate = 1e-3;
    private readonly int? _batchSize;
    private readonly int _maxEpochs = 200;
    private readonly double _weightDecay;
    private readonly double _validationFraction = 0.1;
    private readonly int _patience = 11;
    private readonly double _alpha = 1e-4;
    private readonly double _tolerance = 1e-4;
    private readonly double _dropout;
    private readonly Func<IActivation> _hiddenActivation = () => new ReLU();
    private readonly Func<IOptimizer> _optimizer = () => new Adam();

    /// <summary>The sizes of the hidden layers, input side first; default [100]. Empty gives a network without hidden layers (logistic or linear regression).</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public IReadOnlyList<int> HiddenLayerSizes
    {
        get => _hiddenLayerSizes;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(HiddenLayerSizes));
            for (int i = 0; i < value.Count; i++)
                if (value[i] <= 0)
                    throw new ArgumentException($"Expected positive layer sizes. Received: HiddenLayerSizes[{i}]={value[i]}.", nameof(HiddenLayerSizes));
            _hiddenLayerSizes = value.ToArray();
        }
    }

    /// <summary>Creates the activation of each hidden layer; default <c>() =&gt; new ReLU()</c>. The output activation follows the task (sigmoid, softmax or identity).</summary>
    public Func<IActivation> HiddenActivation { get => _hiddenActivation; init => _hiddenActivation = value ?? throw new ArgumentNullException(nameof(HiddenActivation)); }

    /// <summary>
    /// Chooses each layer's initialiser from its activation; null (default) for scikit-learn's: weights and biases from
    /// U(−r, r), r = √(f / (n_in + n_out)), f = 6, or f = 2 when <see cref="HiddenActivation"/> is a <see cref="Sigmoid"/>,
    /// for every layer including the output (<c>_init_coef</c> in <c>sklearn/neural_network/_multilayer_perceptron.py</c>).
    /// Pass <c>Network.DefaultInitializer</c> for the core's choice (He-normal for the ReLU family, Xavier-uniform otherwise, biases 0).
    /// </summary>
    public Func<IActivation, IInitializer>? Initializer { get; init; }

    /// <summary>
    /// Creates the optimizer, once per <c>Fit</c>; default <c>() =&gt; new Adam()</c> (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, scikit-learn's
    /// <c>beta_1</c>, <c>beta_2</c>, <c>epsilon</c>). One difference remains: scikit-learn's <c>AdamOptimizer</c> steps
    /// θ ← θ − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε), this library's <see cref="Adam"/> (as PyTorch) θ ← θ − η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε):
    /// the same step except that ε counts √(1 − β₂ᵗ) times less in scikit-learn's, which matters only while v ≲ ε².
    /// </summary>
    public Func<IOptimizer> Optimizer { get => _optimizer; init => _optimizer = value ?? throw new ArgumentNullException(nameof(Optimizer)); }

    /// <summary>η; &gt; 0, default 0.001 (scikit-learn's <c>learning_rate_init</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite positive number.</exception>
    public double LearningRate { get => _learningRate; init { Positive(value, nameof(LearningRate)); _learningRate = value; } }

    /// <summary>Samples per mini-batch; null (default) for min(200, n), n the number of training samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int? BatchSize { get => _batchSize; init { if (value is { } v) Positive(v, nameof(BatchSize)); _batchSize = value; } }

    /// <summary>The most epochs to train; &gt; 0, default 200 (scikit-learn's <c>max_iter</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int MaxEpochs { get => _maxEpochs; init { Positive(value, nameof(MaxEpochs)); _maxEpochs = value; } }

    /// <summary>
    /// α ≥ 0, the L2 penalty of scikit-learn's MLP (<c>alpha</c>); default 0.0001, as scikit-learn's. Each mini-batch of m samples adds
    /// α/(2m)·Σ‖W‖² to its cost (weights only, not biases), so α/m·W to each weight gradient: the trainer's
    /// <see cref="TrainerOptions.WeightDecay"/> is α/m with m the batch size (scikit-learn divides by the actual size of a
    /// shorter last batch; here every batch uses m). From <c>_backprop</c> and <c>_compute_loss_grad</c> in
    /// <c>sklearn/neural_network/_multilayer_perceptron.py</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double Alpha { get => _alpha; init { NonNegative(value, nameof(Alpha)); _alpha = value; } }

    /// <summary>λ ≥ 0, L2 weight decay added to each weight gradient as it is (<see cref="TrainerOptions.WeightDecay"/>, PyTorch's <c>weight_decay</c>), on top of <see cref="Alpha"/>'s α/m; default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double WeightDecay { get => _weightDecay; init { NonNegative(value, nameof(WeightDecay)); _weightDecay = value; } }

    /// <summary>
    /// Hold out <see cref="ValidationFraction"/> of the training rows and stop when their loss has not improved by more than
    /// <see cref="Tolerance"/> for <see cref="Patience"/> epochs, ending with the best epoch's weights; default true
    /// (scikit-learn's <c>early_stopping=True</c>). With false, training stops as scikit-learn's default
    /// (<c>early_stopping=False</c>) does: when the training loss has not improved by more than <see cref="Tolerance"/> for
    /// <see cref="Patience"/> epochs, keeping the last epoch's weights and training on every row; use it for very few rows.
    /// </summary>
    /// <remarks>Two differences from scikit-learn remain. With early stopping, scikit-learn watches the validation score (accuracy or R²), this estimator the validation loss.
    /// An epoch improves here when its loss is below the best loss at the last improvement minus the tolerance (Keras's rule);
    /// scikit-learn compares with the lowest loss so far, so a run whose loss keeps falling by less than the tolerance per epoch stops there and continues here.</remarks>
    public bool EarlyStopping { get; init; } = true;

    /// <summary>The share of the rows given to <c>Fit</c> held out for early stopping (stratified for a classifier); in (0, 1), default 0.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not strictly between 0 and 1.</exception>
    public double ValidationFraction
    {
        get => _validationFraction;
        init
        {
            if (!(value > 0 && value < 1))
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), value, $"Expected a fraction strictly between 0 and 1. Received: ValidationFraction={value}.");
            _validationFraction = value;
        }
    }

    /// <summary>
    /// Epochs in a row without improvement after which training stops; &gt; 0, default 11. scikit-learn stops when its count
    /// exceeds <c>n_iter_no_change</c> = 10, that is after 11 such epochs, so 11 here is its default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int Patience { get => _patience; init { Positive(value, nameof(Patience)); _patience = value; } }

    /// <summary>The least decrease of the monitored loss that counts as an improvement (<see cref="Training.EarlyStopping.MinDelta"/>); ≥ 0, default 0.0001 (scikit-learn's <c>tol</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double Tolerance { get => _tolerance; init { NonNegative(value, nameof(Tolerance)); _tolerance = value; } }

    /// <summary>How the input features are scaled before they reach the network; default <see cref="FeatureScaling.Standard"/>. Fitted on the rows given to <c>Fit</c>, saved with the model and exported to ONNX.</summary>
    public FeatureScaling Scaling { get; init; } = FeatureScaling.Standard;

    /// <summary>For a regressor: standardise the targets for training and undo it in <c>Predict</c> (default true), so the output layer's scale does not depend on the targets' units.</summary>
    public bool ScaleTargets { get; init; } = true;

    /// <summary>Seed of the initial weights, the validation split, the shuffling and the dropout masks; default 0. The same seed, options and data give bit-identical models.</summary>
    public int Seed { get; init; }

    /// <summary>Batch-normalise every hidden layer (<see cref="Layer"/>'s <c>batchNorm</c>); default false.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Inverted-dropout probability of every hidden layer, in [0, 1); default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in [0, 1).</exception>
    public double Dropout
    {
        get => _dropout;
        init
        {
            if (!(value >= 0 && value < 1))
                throw new ArgumentOutOfRangeException(nameof(Dropout), value, $"Expected a probability in [0, 1). Received: Dropout={value}.");
            _dropout = value;
        }
    }

    /// <summary>The cost to minimise; null (default) for the one that fits the task: binary cross-entropy on one sigmoid output for two classes, categorical cross-entropy on softmax for more, mean squared error on identity outputs for regression.</summary>
    public ILoss? Loss { get; init; }

    /// <summary>Receives each <see cref="EpochReport"/> during <c>Fit</c>; null (default) for none.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>
    /// Changes the <see cref="TrainerOptions"/> built from these options before training (e.g.
    /// <c>t =&gt; t with { Schedule = new CosineDecay() }</c>), so that every option of the core is reachable; null (default) for none.
    /// Called once per <c>Fit</c> with fresh options; return a new record rather than sharing an optimizer between fits.
    /// </summary>
    public Func<TrainerOptions, TrainerOptions>? ConfigureTrainer { get; init; }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"Expected a finite positive number. Received: {name}={value}.");
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"Expected a finite number ≥ 0. Received: {name}={value}.");
    }
}
