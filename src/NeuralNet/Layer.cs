using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.LinearAlgebra;

namespace NeuralNet;

/// <summary>
/// A fully connected layer: A = f(W·X + b).
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
/// <para>The layer computes gradients; an optimizer applies them. <see cref="Forward"/> and <see cref="Backward"/> return
/// buffers owned by the layer, reused by the next call with the same batch size: copy them if you keep them.</para>
/// </remarks>
/// <example><code>var hidden = new Layer(784, 30, new Sigmoid());   // W: 30×784, b: 30</code></example>
public sealed class Layer
{
    private const int CachedBatchSizes = 4;

    /// <summary>
    /// Routes MathNet's dense double products (W·X, dZ·Xᵀ, Wᵀ·dZ below) through NeuralNet's cache-blocked AVX2/FMA kernel
    /// (<see cref="FastLinearAlgebra"/>), process-wide, the first time a layer is created.
    /// </summary>
    static Layer() => FastLinearAlgebra.Use();

    private readonly Matrix<double> _weights;
    private readonly Vector<double> _biases;
    private readonly Matrix<double> _dW;
    private readonly Vector<double> _db;
    private readonly List<Buffers> _buffers = new(CachedBatchSizes);
    private Buffers? _current;
    private Matrix<double>? _input;

    /// <summary>Creates a layer with zero weights and biases; <see cref="Network"/>'s constructor initialises them.</summary>
    /// <param name="inputs">n_in, the number of inputs (columns of W).</param>
    /// <param name="outputs">n_out, the number of units (rows of W).</param>
    /// <param name="activation">f, applied element-wise (or per column, for softmax).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is null.</exception>
    public Layer(int inputs, int outputs, IActivation activation)
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.Positive(outputs, nameof(outputs));
        ArgumentNullException.ThrowIfNull(activation);
        InputSize = inputs;
        OutputSize = outputs;
        Activation = activation;
        _weights = Matrix<double>.Build.Dense(outputs, inputs);
        _biases = Vector<double>.Build.Dense(outputs);
        _dW = Matrix<double>.Build.Dense(outputs, inputs);
        _db = Vector<double>.Build.Dense(outputs);
        Parameters =
        [
            new Parameter("W", _weights.AsColumnMajorArray(), _dW.AsColumnMajorArray(), isWeight: true),
            new Parameter("b", _biases.AsArray(), _db.AsArray(), isWeight: false),
        ];
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

    /// <summary>b, one bias per unit. The live parameters, like <see cref="Weights"/>.</summary>
    /// <exception cref="ArgumentException">On assignment, a vector of another length.</exception>
    public Vector<double> Biases
    {
        get => _biases;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count != OutputSize)
                throw new ArgumentException($"Biases must have {OutputSize} entries. Received: {value.Count}.", nameof(value));
            value.CopyTo(_biases);
        }
    }

    /// <summary>∂C/∂W (n_out × n_in) from the last <see cref="Backward"/>, averaged over its mini-batch.</summary>
    public Matrix<double> WeightGradient => _dW;

    /// <summary>∂C/∂b (n_out) from the last <see cref="Backward"/>, averaged over its mini-batch.</summary>
    public Vector<double> BiasGradient => _db;

    /// <summary>The trainable parameters with their gradients: W and b.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Z = W·X + b of the last forward pass (n_out × m).</summary>
    internal Matrix<double> WeightedInput => Current.Z;

    /// <summary>A = f(Z) of the last forward pass (n_out × m).</summary>
    internal Matrix<double> Output => Current.A;

    /// <summary>δ = dZ = ∂C/∂Z of the last backward pass, per sample (n_out × m).</summary>
    internal Matrix<double> Delta => Current.DZ;

    /// <summary>A buffer for ∂C/∂A at this layer's output (n_out × m), used by the network for the loss gradient.</summary>
    internal Matrix<double> OutputGradient => Current.DA;

    private Buffers Current => _current ?? throw new InvalidOperationException("Call Forward before reading the layer's activations or calling Backward.");

    /// <summary>Forward pass: Z = W·X + b, A = f(Z). Caches X, Z and A for <see cref="Backward"/>.</summary>
    /// <param name="input">X, n_in × m, one column per sample.</param>
    /// <param name="training">True during training (for layers that behave differently while training).</param>
    /// <returns>A, n_out × m: a buffer owned by the layer.</returns>
    /// <exception cref="ArgumentException">X does not have n_in rows.</exception>
    public Matrix<double> Forward(Matrix<double> input, bool training = false)
    {
        Guard.Rows(input, InputSize, nameof(input), $"layer {this}");
        var buffers = BuffersFor(input.ColumnCount);
        _input = input;                                         // cached for dW = dZ·Xᵀ
        _weights.Multiply(input, buffers.Z);                    // Z = W·X
        AddToEachColumn(buffers.Z, _biases);                    //   + b
        Activation.Forward(buffers.Z, buffers.A);               // A = f(Z)
        return buffers.A;
    }

    /// <summary>Backward pass from dA = ∂C/∂A: computes dZ, dW, db and, if asked, dX.</summary>
    /// <param name="outputGradient">dA = ∂C/∂A, n_out × m, per sample (not divided by m).</param>
    /// <param name="computeInputGradient">Whether to compute dX = Wᵀ·dZ; the first layer of a network does not need it.</param>
    /// <returns>dX = ∂C/∂X (n_in × m, a buffer owned by the layer), or null when not computed.</returns>
    /// <exception cref="InvalidOperationException">No forward pass was made.</exception>
    /// <exception cref="ArgumentException">dA does not have the shape of the last forward pass's output.</exception>
    public Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient = true)
    {
        var buffers = Current;
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (outputGradient.RowCount != OutputSize || outputGradient.ColumnCount != buffers.M)
            throw new ArgumentException(
                $"outputGradient is {Guard.Shape(outputGradient)} but the last forward pass produced {OutputSize}×{buffers.M}.", nameof(outputGradient));
        Activation.Backward(buffers.Z, buffers.A, outputGradient, buffers.DZ); // dZ = dA ⊙ f′(Z)        (BP1 / BP2)
        return BackwardFromDelta(computeInputGradient);
    }

    /// <summary>The rest of the backward pass once δ = dZ is in <see cref="Delta"/>.</summary>
    internal Matrix<double>? BackwardFromDelta(bool computeInputGradient)
    {
        var buffers = Current;
        var input = _input!;
        int m = buffers.M;
        // forward: Z = W·X + b
        buffers.DZ.TransposeAndMultiply(input, _dW);                          // dW = dZ·Xᵀ / m            (BP4)
        TensorPrimitives.Divide(_dW.AsColumnMajorArray(), m, _dW.AsColumnMajorArray());
        SumColumns(buffers.DZ, _db);                                          // db = Σ_columns dZ / m     (BP3)
        TensorPrimitives.Divide(_db.AsArray(), m, _db.AsArray());
        if (!computeInputGradient) return null;
        _weights.TransposeThisAndMultiply(buffers.DZ, buffers.DX);           // dX = Wᵀ·dZ               (BP2, first factor)
        return buffers.DX;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{InputSize}→{OutputSize} {Activation}";

    private static void AddToEachColumn(Matrix<double> z, Vector<double> b)
    {
        var data = z.AsColumnMajorArray().AsSpan();
        var bias = b.AsArray();
        int rows = z.RowCount;
        for (int c = 0; c < z.ColumnCount; c++)
        {
            var column = data.Slice(c * rows, rows);
            TensorPrimitives.Add(column, bias, column);
        }
    }

    private static void SumColumns(Matrix<double> dZ, Vector<double> result)
    {
        var data = dZ.AsColumnMajorArray().AsSpan();
        var sum = result.AsArray().AsSpan();
        int rows = dZ.RowCount;
        sum.Clear();
        for (int c = 0; c < dZ.ColumnCount; c++)
            TensorPrimitives.Add(sum, data.Slice(c * rows, rows), sum);
    }

    /// <summary>Returns the buffers for batch size m, reusing one of the last few sizes seen, so a warm training loop allocates nothing.</summary>
    private Buffers BuffersFor(int m)
    {
        if (_current is { } current && current.M == m) return current;
        for (int i = 0; i < _buffers.Count; i++)
            if (_buffers[i].M == m) return _current = _buffers[i];
        if (_buffers.Count == CachedBatchSizes) _buffers.RemoveAt(0);
        _buffers.Add(_current = new Buffers(InputSize, OutputSize, m));
        return _current;
    }

    /// <summary>Per-batch-size work matrices.</summary>
    private sealed class Buffers(int inputs, int outputs, int m)
    {
        public readonly int M = m;
        public readonly Matrix<double> Z = Matrix<double>.Build.Dense(outputs, m);
        public readonly Matrix<double> A = Matrix<double>.Build.Dense(outputs, m);
        public readonly Matrix<double> DA = Matrix<double>.Build.Dense(outputs, m);
        public readonly Matrix<double> DZ = Matrix<double>.Build.Dense(outputs, m);
        public readonly Matrix<double> DX = Matrix<double>.Build.Dense(inputs, m);
    }
}
