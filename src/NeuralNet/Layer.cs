using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.LinearAlgebra;
using NeuralNet.Internal;

namespace NeuralNet;

/// <summary>
/// A fully connected layer: A = f(W·X + b); optionally with batch normalisation, A = f(γ ⊙ BN(W·X) + β), and dropout on A.
/// </summary>
/// <remarks>
/// <para><b>Shapes (one column per sample).</b> X is n_in × m (a mini-batch of m samples), W is n_out × n_in,
/// b has n_out entries and is added to every column, Z = W·X + b and A = f(Z) are n_out × m.
/// For a single sample this is Nielsen's z = W·x + b, a = σ(z).</para>
/// <para><b>Backward</b>, given dA = ∂C/∂A (per sample):
/// <code>
/// dZ = dA ⊙ f′(Z)          δ, the layer's error        (BP1 at the output, BP2 inside)
/// dW = dZ·Xᵀ / m           ∂C/∂W averaged over the batch (BP4)
/// db = Σ_columns dZ / m     ∂C/∂b averaged over the batch (BP3)
/// dX = Wᵀ·dZ               ∂C/∂X, passed to the layer below (the first factor of its BP2)
/// </code></para>
/// <para><b>Batch normalisation</b> (<c>batchNorm: true</c>, Ioffe &amp; Szegedy 2015) replaces b by a per-unit scale γ and
/// shift β; see <see cref="BatchNorm"/> for the forward and backward equations. <b>Dropout</b> (<c>dropout: p</c>,
/// Srivastava et al. 2014) multiplies A by a random mask while training; see <see cref="Dropout"/>.</para>
/// <para>The layer computes gradients; an optimizer applies them. <see cref="Forward"/> and <see cref="Backward"/> return
/// buffers owned by the layer, reused by the next call with the same batch size: copy them if you keep them.</para>
/// <para><b>Threads.</b> <see cref="Forward"/> and <see cref="Backward"/> write the layer's caches: one thread at a time
/// (the network's training thread). <see cref="Network.Predict(Matrix{double})"/> does not call them; it reads W, b, γ, β
/// and the running statistics only, so any number of threads may predict at once.</para>
/// <para>Where the machinery lives: the work matrices per batch size in <c>LinearAlgebra/LayerBuffers.cs</c>, the products
/// in <c>LinearAlgebra/Products.cs</c> (a cache-blocked, vectorised GEMM), batch normalisation and dropout in their own
/// files (<c>BatchNormalization.cs</c>, <c>InvertedDropout.cs</c>), each a forward/backward pair.</para>
/// </remarks>
/// <example><code>
/// var hidden = new Layer(784, 30, new Sigmoid());                     // W: 30×784, b: 30          "784→30 Sigmoid"
/// var normed = new Layer(784, 30, new Sigmoid(), batchNorm: true);    // W: 30×784, γ: 30, β: 30   "784→30 Sigmoid+BN"
/// var dropped = new Layer(100, 10, new ReLU(), dropout: 0.5);         // A ⊙ mask while training   "100→10 ReLU, dropout 0.5"
/// </code></example>
public sealed class Layer : ILayer
{
    private readonly Matrix<double> _weights;
    private readonly Vector<double> _biases;
    private readonly Matrix<double> _dW;
    private readonly Vector<double> _db;
    private readonly BatchSizeCache<LayerBuffers> _buffers;
    private Matrix<double>? _input;                    // X of the last forward pass, for dW = dZ·Xᵀ / m
    private Matrix<double>? _z;                        // Z of the last forward pass (batch norm's output with batch norm)

    private readonly BatchNormalization? _batchNorm;   // γ, β, running statistics; null without batch norm
    private readonly InvertedDropout? _dropout;        // the mask generator; null without dropout
    private bool _dropoutApplied;                      // whether the last forward pass multiplied A by a mask

    /// <summary>ε added to the variance before the square root in batch normalisation (as PyTorch's <c>eps</c>).</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>Weight of the newest batch in the running statistics of batch normalisation (as PyTorch's <c>momentum</c>).</summary>
    public const double BatchNormMomentum = 0.1;

    /// <summary>Creates a layer with zero weights and biases (γ = 1, β = 0 with batch norm); <see cref="Network"/>'s constructor initialises them.</summary>
    /// <param name="inputs">n_in, the number of inputs (columns of W).</param>
    /// <param name="outputs">n_out, the number of units (rows of W).</param>
    /// <param name="activation">f, applied element-wise (or per column, for softmax).</param>
    /// <param name="batchNorm">Normalise W·X per unit over the mini-batch and learn γ, β in place of b (see <see cref="BatchNorm"/>).</param>
    /// <param name="dropout">p ∈ [0, 1), the probability of dropping each output while training (see <see cref="Dropout"/>); default 0, none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or p is outside [0, 1).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is null.</exception>
    public Layer(int inputs, int outputs, IActivation activation, bool batchNorm = false, double dropout = 0.0)
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.Positive(outputs, nameof(outputs));
        ArgumentNullException.ThrowIfNull(activation);
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"dropout must be a probability in [0, 1). Received: dropout={dropout}.");
        InputSize = inputs;
        OutputSize = outputs;
        Activation = activation;
        BatchNorm = batchNorm;
        Dropout = dropout;
        _weights = Matrix<double>.Build.Dense(outputs, inputs);
        _biases = Vector<double>.Build.Dense(outputs);
        _dW = Matrix<double>.Build.Dense(outputs, inputs);
        _db = Vector<double>.Build.Dense(outputs);
        _buffers = new BatchSizeCache<LayerBuffers>(m => new LayerBuffers(inputs, outputs, m));
        if (dropout > 0) _dropout = new InvertedDropout(outputs, dropout);
        var w = new Parameter("W", _weights.AsColumnMajorArray(), _dW.AsColumnMajorArray(), isWeight: true);
        if (!batchNorm)
        {
            Parameters = [w, new Parameter("b", _biases.AsArray(), _db.AsArray(), isWeight: false)];
            return;
        }
        _batchNorm = new BatchNormalization(outputs);
        Parameters =
        [
            w,
            new Parameter("γ", _batchNorm.Gamma.AsArray(), _batchNorm.GammaGradient.AsArray(), isWeight: false),
            new Parameter("β", _batchNorm.Beta.AsArray(), _batchNorm.BetaGradient.AsArray(), isWeight: false),
        ];
    }

    /// <summary>
    /// Forward pass: Z = W·X + b (or Z = γ ⊙ X̂ + β with <see cref="BatchNorm"/>), A = f(Z), then A ⊙ M with dropout while training.
    /// Caches X, Z and A (and X̂, 1/√(σ² + ε), M) for <see cref="Backward"/>.
    /// </summary>
    /// <param name="input">X, n_in × m, one column per sample.</param>
    /// <param name="training">True during training: batch statistics instead of running ones, and dropout.</param>
    /// <returns>A (or A ⊙ M), n_out × m: a buffer owned by the layer.</returns>
    /// <exception cref="ArgumentException">X does not have n_in rows.</exception>
    /// <exception cref="InvalidOperationException">Batch normalisation in training mode on a batch of one sample.</exception>
    public Matrix<double> Forward(Matrix<double> input, bool training = false)
    {
        CheckInput(input, training);
        var s = _buffers.For(input.ColumnCount);                // this batch size's Z, A, dZ, dX
        _input = input;
        _z = _batchNorm is null
            ? Products.Affine(_weights, input, _biases, s.Z)                      // Z = W·X + b
            : _batchNorm.Forward(Products.Multiply(_weights, input, s.Z), training, Frozen); // Z = γ ⊙ X̂ + β, X̂ = BN(W·X)
        Activation.Forward(_z, s.A);                                              // A = f(Z)
        _dropoutApplied = training && _dropout is not null;
        return _dropoutApplied ? _dropout!.Forward(s.A, Frozen) : s.A;            // A ⊙ M while training with dropout
    }

    /// <summary>Backward pass from dA = ∂C/∂A: computes dZ, dW, db (or dγ, dβ with batch norm) and, if asked, dX.</summary>
    /// <param name="outputGradient">dA = ∂C/∂A, n_out × m, per sample (not divided by m).</param>
    /// <param name="computeInputGradient">Whether to compute dX = Wᵀ·dZ; the first layer of a network does not need it.</param>
    /// <returns>dX = ∂C/∂X (n_in × m, a buffer owned by the layer), or null when not computed.</returns>
    /// <exception cref="InvalidOperationException">No forward pass was made.</exception>
    /// <exception cref="ArgumentException">dA does not have the shape of the last forward pass's output.</exception>
    public Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient = true)
    {
        var s = CheckOutputGradient(outputGradient);
        var dA = _dropoutApplied ? _dropout!.Backward(outputGradient) : outputGradient;   // forward: A ⊙ M
        Activation.Backward(_z!, s.A, dA, s.DZ);                                  // dZ = dA ⊙ f′(Z)            (BP1, BP2)
        return BackwardFromDelta(computeInputGradient);
    }

    /// <summary>The rest of the backward pass once δ = dZ is in <see cref="Delta"/> (the network writes δᴸ = a − y there directly).</summary>
    internal Matrix<double>? BackwardFromDelta(bool computeInputGradient)
    {
        var s = Current;
        var dZ = _batchNorm?.Backward(s.DZ) ?? s.DZ;                              // dU = ∂C/∂(W·X) with batch norm (and dγ, dβ)
        Products.MultiplyTransposeB(dZ, _input!, _dW, alpha: 1.0 / s.M);          // dW = dZ·Xᵀ / m              (BP4)
        if (_batchNorm is null) Columns.Mean(dZ, _db);                            // db = mean of dZ's columns   (BP3)
        if (!computeInputGradient) return null;
        Products.MultiplyTransposeA(_weights, dZ, s.DX);                          // dX = Wᵀ·dZ                  (BP2's first factor, one layer down)
        return s.DX;
    }

    /// <summary>n_in, the number of inputs.</summary>
    public int InputSize { get; }

    /// <summary>n_out, the number of units.</summary>
    public int OutputSize { get; }

    /// <summary>The activation f.</summary>
    public IActivation Activation { get; }

    /// <summary>
    /// W, n_out × n_in: row j holds the weights into unit j, so W[j, k] connects input k to unit j (Nielsen's wʲₖ).
    /// These are the live parameters: writing into the matrix changes the layer; assigning copies the values in.
    /// </summary>
    /// <exception cref="ArgumentException">On assignment, a matrix of another shape.</exception>
    public Matrix<double> Weights
    {
        get => _weights;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.RowCount != OutputSize || value.ColumnCount != InputSize)
                throw new ArgumentException($"Weights must be {OutputSize}×{InputSize} (outputs × inputs). Received: {Guard.Shape(value)}.", nameof(value));
            value.CopyTo(_weights);
        }
    }

    /// <summary>b, one bias per unit. The live parameters, like <see cref="Weights"/>. With <see cref="BatchNorm"/>, b is unused and stays 0 (β takes its role).</summary>
    /// <exception cref="ArgumentException">On assignment, a vector of another length.</exception>
    /// <exception cref="InvalidOperationException">On assignment, the layer uses batch normalisation.</exception>
    public Vector<double> Biases
    {
        get => _biases;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (BatchNorm)
                throw new InvalidOperationException($"Layer {this} uses batch normalisation and has no bias b; set Beta (β) instead.");
            if (value.Count != OutputSize)
                throw new ArgumentException($"Biases must have {OutputSize} entries. Received: {value.Count}.", nameof(value));
            value.CopyTo(_biases);
        }
    }

    /// <summary>∂C/∂W (n_out × n_in) from the last <see cref="Backward"/>, averaged over its mini-batch.</summary>
    public Matrix<double> WeightGradient => _dW;

    /// <summary>∂C/∂b (n_out) from the last <see cref="Backward"/>, averaged over its mini-batch. Always 0 with <see cref="BatchNorm"/>; see <see cref="BetaGradient"/>.</summary>
    public Vector<double> BiasGradient => _db;

    /// <summary>The trainable parameters with their gradients: W and b, or W, γ and β with <see cref="BatchNorm"/>.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Whether the layer normalises W·X over each mini-batch (Ioffe &amp; Szegedy 2015): Z = γ ⊙ X̂ + β, A = f(Z), with no bias b.
    /// </summary>
    /// <remarks>
    /// <para><b>Forward, training</b> (per unit j, i.e. per row, over the m samples of the batch; m ≥ 2):
    /// <code>
    /// U  = W·X                                n_out × m (no bias: β replaces it)
    /// μ  = Σᵢ Uᵢ / m                          batch mean, n_out
    /// σ² = Σᵢ (Uᵢ − μ)² / m                   biased batch variance, n_out
    /// X̂  = (U − μ) / √(σ² + ε)                ε = 1e-5
    /// Z  = γ ⊙ X̂ + β,   A = f(Z)
    /// running_mean ← (1 − 0.1)·running_mean + 0.1·μ
    /// running_var  ← (1 − 0.1)·running_var  + 0.1·σ²·m/(m − 1)   (unbiased variance, as PyTorch's BatchNorm1d)
    /// </code>
    /// <b>Inference</b> (<c>training: false</c>, as in <see cref="Network.Predict(MathNet.Numerics.LinearAlgebra.Matrix{double})"/>)
    /// uses the running statistics in place of μ and σ², so each sample's output does not depend on the rest of the batch.</para>
    /// <para><b>Backward.</b> dZ arrives per sample (∂C/∂Z = dZ / m, like dW = dZ·Xᵀ / m in a plain layer). With
    /// dX̂ = dZ ⊙ γ, the compact formula dU = (1/m)·(1/√(σ² + ε))·(m·dX̂ − Σᵢ dX̂ − X̂ ⊙ Σᵢ(dX̂ ⊙ X̂)) becomes, per unit:
    /// <code>
    /// dβ = Σᵢ dZᵢ / m                               ∂C/∂β, averaged over the batch
    /// dγ = Σᵢ (dZ ⊙ X̂)ᵢ / m                         ∂C/∂γ, averaged over the batch
    /// dU = γ/√(σ² + ε) ⊙ (dZ − dβ − X̂ ⊙ dγ)          per sample; inference mode: dU = γ/√(σ² + ε) ⊙ dZ
    /// dW = dU·Xᵀ / m,   dX = Wᵀ·dU
    /// </code>
    /// The two subtracted terms are what the batch statistics add: moving one sample moves μ and σ² for all of them.</para>
    /// </remarks>
    public bool BatchNorm { get; }

    /// <summary>γ, the per-unit scale (n_out, initially 1), or null without <see cref="BatchNorm"/>. Live values, trained as Parameter "γ".</summary>
    public Vector<double>? Gamma => _batchNorm?.Gamma;

    /// <summary>β, the per-unit shift (n_out, initially 0), or null without <see cref="BatchNorm"/>. Live values, trained as Parameter "β".</summary>
    public Vector<double>? Beta => _batchNorm?.Beta;

    /// <summary>∂C/∂γ (n_out) from the last <see cref="Backward"/>, averaged over its mini-batch; null without <see cref="BatchNorm"/>.</summary>
    public Vector<double>? GammaGradient => _batchNorm?.GammaGradient;

    /// <summary>∂C/∂β (n_out) from the last <see cref="Backward"/>, averaged over its mini-batch; null without <see cref="BatchNorm"/>.</summary>
    public Vector<double>? BetaGradient => _batchNorm?.BetaGradient;

    /// <summary>The running mean of U = W·X used at inference (n_out, initially 0), or null without <see cref="BatchNorm"/>.</summary>
    public Vector<double>? RunningMean => _batchNorm?.RunningMean;

    /// <summary>The running unbiased variance of U = W·X used at inference (n_out, initially 1), or null without <see cref="BatchNorm"/>.</summary>
    public Vector<double>? RunningVariance => _batchNorm?.RunningVariance;

    /// <summary>
    /// p, the dropout probability (0: no dropout). While training, the layer outputs A ⊙ M, where each entry of the
    /// mask M is 0 with probability p and 1/(1 − p) otherwise ("inverted" dropout, so the expected output is A); at inference it outputs A.
    /// </summary>
    /// <remarks>
    /// Backward multiplies dA by the same mask before the activation: dZ = (dA ⊙ M) ⊙ f′(Z). Masks are drawn
    /// sequentially from the layer's own <see cref="Random"/>, seeded by <see cref="SeedDropout"/> (which
    /// <see cref="Network.Initialize(int)"/> calls with a seed derived from its own), so runs are reproducible.
    /// </remarks>
    public double Dropout { get; }

    /// <summary>Restarts the dropout mask sequence from <paramref name="seed"/>: the same seed gives the same masks.</summary>
    public void SeedDropout(int seed) => _dropout?.Seed(seed);

    /// <summary>
    /// Resets the batch-normalisation state to its initial values: γ = 1, β = 0, running mean 0, running variance 1, and b = 0.
    /// Does nothing without <see cref="BatchNorm"/>. <see cref="Network.Initialize(int)"/> calls it after drawing W.
    /// </summary>
    public void ResetBatchNorm()
    {
        if (_batchNorm is null) return;
        _batchNorm.Reset();
        _biases.Clear();
    }

    /// <summary>
    /// While true (during a gradient check), training-mode forward passes reuse the dropout mask already drawn for the
    /// batch size and leave the running statistics alone, so the cost is a deterministic function of the parameters.
    /// </summary>
    internal bool Frozen { get; set; }

    /// <summary>
    /// Inference without touching the layer: A = f(W·X + b), or f(γ ⊙ (W·X − running_mean)/√(running_var + ε) + β); no
    /// dropout. The same arithmetic as <see cref="Forward"/> with <c>training: false</c>, bit for bit, into the caller's
    /// buffers, so any number of threads may call it at once (as <see cref="Network.Predict(Matrix{double})"/> does).
    /// </summary>
    /// <param name="input">X, n_in × m (checked by the caller).</param>
    /// <param name="z">Scratch for Z, n_out × m.</param>
    /// <param name="a">Receives A, n_out × m.</param>
    /// <param name="units">Scratch of at least n_out values (batch norm's 1/√(running_var + ε)).</param>
    internal void Infer(Matrix<double> input, Matrix<double> z, Matrix<double> a, Span<double> units)
    {
        if (_batchNorm is null) Products.Affine(_weights, input, _biases, z);     // Z = W·X + b
        else _batchNorm.Infer(Products.Multiply(_weights, input, z), units);      // Z = γ ⊙ X̂ + β, with the running statistics
        Activation.Forward(z, a);                                                 // A = f(Z)
    }

    /// <summary>Whether the last forward pass multiplied A by a dropout mask (training with p &gt; 0).</summary>
    internal bool DropoutApplied => _dropoutApplied;

    /// <summary>X of the last forward pass (n_in × m): what the layer below returned, after its dropout mask.</summary>
    internal Matrix<double> Input => _input ?? throw NoForwardPass();

    /// <summary>Z of the last forward pass (n_out × m): W·X + b, or γ ⊙ X̂ + β with batch norm.</summary>
    internal Matrix<double> WeightedInput => _z ?? throw NoForwardPass();

    /// <summary>U = W·X of the last forward pass with batch norm (n_out × m); null without batch norm.</summary>
    internal Matrix<double>? Product => _batchNorm is null ? null : Current.Z;

    /// <summary>X̂ of the last forward pass with batch norm (n_out × m); null without batch norm.</summary>
    internal Matrix<double>? NormalizedInput => _batchNorm?.NormalizedInput;

    /// <summary>dU = ∂C/∂(W·X) of the last backward pass with batch norm (n_out × m); null without batch norm.</summary>
    internal Matrix<double>? ProductGradient => _batchNorm?.InputGradient;

    /// <summary>The dropout mask M of the last forward pass (n_out × m), or null if none was applied.</summary>
    internal Matrix<double>? DropoutMask => _dropoutApplied ? _dropout!.Mask : null;

    /// <summary>A = f(Z) of the last forward pass (n_out × m), before dropout: what the diagnostics measure.</summary>
    internal Matrix<double> Output => Current.A;

    /// <summary>δ = dZ = ∂C/∂Z of the last backward pass, per sample (n_out × m).</summary>
    internal Matrix<double> Delta => Current.DZ;

    /// <summary>A buffer for ∂C/∂A at this layer's output (n_out × m), used by the network for the loss gradient.</summary>
    internal Matrix<double> OutputGradient => Current.DA;

    /// <summary>dX = Wᵀ·dZ of the last backward pass that computed it (n_in × m).</summary>
    internal Matrix<double> InputGradient => Current.DX;

    private LayerBuffers Current => _buffers.Current ?? throw NoForwardPass();

    private static InvalidOperationException NoForwardPass() =>
        new("Call Forward before reading the layer's activations or calling Backward.");

    private void CheckInput(Matrix<double> input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RowCount != InputSize)
            Guard.Rows(input, InputSize, nameof(input), $"layer {this}");    // builds the message only on failure
        if (BatchNorm && training && input.ColumnCount == 1)
            throw new InvalidOperationException(
                $"Layer {this} normalises over the mini-batch and needs more than 1 sample per batch in training mode. Received: a batch of 1 sample " +
                "(PyTorch: \"Expected more than 1 value per channel when training\"). Use a larger batch, or training: false.");
    }

    private LayerBuffers CheckOutputGradient(Matrix<double> outputGradient)
    {
        var s = Current;
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.RowCount != OutputSize || outputGradient.ColumnCount != s.M)
            throw new ArgumentException(
                $"outputGradient is {Guard.Shape(outputGradient)} but the last forward pass produced {OutputSize}×{s.M}.", nameof(outputGradient));
        return s;
    }

    /// <summary>E.g. "784→30 Sigmoid", "784→30 Sigmoid+BN", "100→10 ReLU, dropout 0.5".</summary>
    public override string ToString() =>
        $"{InputSize}→{OutputSize} {Activation}{(BatchNorm ? "+BN" : "")}" +
        (Dropout > 0 ? ", dropout " + Dropout.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
