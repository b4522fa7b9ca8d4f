using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Initializers;

namespace Assignment;

/// <summary>
/// The reference solution of the assignment's fully connected layer: Z = W·X + b, A = f(Z). It plugs into <see cref="Network"/> next to the built-in
/// <see cref="Layer"/>, through the <see cref="ILayer"/> contract.
/// </summary>
/// <remarks>
/// <para><b>Shapes, one column per sample.</b> X is n_in × m (a mini-batch of m samples), W is n_out × n_in, b has n_out
/// entries and is added to every column, Z and A are n_out × m.</para>
/// <para><b>Backward</b>, given dA = ∂C/∂A per sample (not divided by m):
/// <code>
/// dZ = dA ⊙ f′(Z)          δ, the layer's error       (BP1 at the output, BP2 inside)
/// db = Σ_columns dZ / m     ∂C/∂b of the batch-mean cost (BP3)
/// dW = dZ·Xᵀ / m           ∂C/∂W of the batch-mean cost (BP4)
/// dX = Wᵀ·dZ               ∂C/∂X per sample, the dA of the layer below (the first factor of its BP2)
/// </code></para>
/// <para>Useful MathNet operations: <c>W * X</c>, <c>A.Transpose()</c>, <c>W.TransposeThisAndMultiply(dZ)</c> (Wᵀ·dZ),
/// <c>dZ.TransposeAndMultiply(X)</c> (dZ·Xᵀ), <c>dZ.RowSums()</c>, <c>m.CopyTo(target)</c>, <c>m.Divide(s, target)</c>,
/// <c>Matrix&lt;double&gt;.Build.Dense(rows, columns)</c>.</para>
/// </remarks>
public sealed class DenseLayer : ILayer
{
    private readonly IActivation _activation;

    // The parameters and their gradients. `readonly`: the Parameters below are views of exactly these matrices, so fill
    // the gradients in place (CopyTo, or an overload that writes into a result), never assign new ones.
    private readonly Matrix<double> _weights;   // W, n_out × n_in
    private readonly Vector<double> _biases;    // b, n_out
    private readonly Matrix<double> _dW;        // ∂C/∂W, n_out × n_in
    private readonly Vector<double> _db;        // ∂C/∂b, n_out

    // What Forward caches for Backward.
    private Matrix<double>? _input;             // X, n_in × m
    private Matrix<double>? _z;                 // Z = W·X + b, n_out × m
    private Matrix<double>? _a;                 // A = f(Z), n_out × m

    /// <summary>A layer of <paramref name="outputs"/> units with <paramref name="inputs"/> inputs each, Xavier-uniform initialised from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public DenseLayer(int inputs, int outputs, IActivation activation, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(activation);
        InputSize = inputs;
        OutputSize = outputs;
        _activation = activation;
        _weights = Matrix<double>.Build.Dense(outputs, inputs);
        _biases = Vector<double>.Build.Dense(outputs);
        _dW = Matrix<double>.Build.Dense(outputs, inputs);
        _db = Vector<double>.Build.Dense(outputs);
        new XavierUniform().Initialize(_weights, _biases, new Random(seed));
        Parameters =
        [
            new Parameter("W", _weights.AsColumnMajorArray(), _dW.AsColumnMajorArray(), isWeight: true),
            new Parameter("b", _biases.AsArray(), _db.AsArray(), isWeight: false),
        ];
    }

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize { get; }

    /// <summary>W and b with their gradients, in that order (what optimizers update and the gradient checker perturbs).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>W, n_out × n_in, live: writing into it changes the layer.</summary>
    public Matrix<double> Weights => _weights;

    /// <summary>b, n_out, live.</summary>
    public Vector<double> Biases => _biases;

    /// <summary>∂C/∂W from the last Backward.</summary>
    public Matrix<double> WeightGradient => _dW;

    /// <summary>∂C/∂b from the last Backward.</summary>
    public Vector<double> BiasGradient => _db;

    /// <summary>Forward pass: Z = W·X + b, A = f(Z). Caches X, Z and A for <see cref="Backward"/>.</summary>
    /// <param name="input">X, n_in × m.</param>
    /// <param name="training">Unused: this layer behaves the same in training and inference.</param>
    /// <returns>A, n_out × m.</returns>
    /// <exception cref="ArgumentException">X does not have n_in rows; the message gives both shapes.</exception>
    public Matrix<double> Forward(Matrix<double> input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RowCount != InputSize)
            throw new ArgumentException(
                $"X must have {InputSize} rows (one per input, one column per sample). Received: {input.RowCount}×{input.ColumnCount}.", nameof(input));
        var z = _weights * input;                                    // Z = W·X
        for (int j = 0; j < z.ColumnCount; j++)
            z.SetColumn(j, z.Column(j) + _biases);                   //   + b, in every column
        var a = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount);
        _activation.Forward(z, a);                                   // A = f(Z)
        (_input, _z, _a) = (input, z, a);                            // cached for Backward
        return a;
    }

    /// <summary>Backward pass from dA = ∂C/∂A (per sample): fills ∂C/∂W and ∂C/∂b, returns dX = ∂C/∂X.</summary>
    /// <param name="outputGradient">dA, n_out × m, per sample (not divided by m).</param>
    /// <param name="computeInputGradient">Whether to compute dX; false in a network's first layer.</param>
    /// <returns>dX = Wᵀ·dZ, n_in × m, or null when <paramref name="computeInputGradient"/> is false.</returns>
    /// <exception cref="InvalidOperationException">No forward pass was made.</exception>
    public Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_input is null || _z is null || _a is null)
            throw new InvalidOperationException("Call Forward before Backward.");
        if (outputGradient.RowCount != OutputSize || outputGradient.ColumnCount != _z.ColumnCount)
            throw new ArgumentException(
                $"dA must be {OutputSize}×{_z.ColumnCount}, the shape of the last output. Received: {outputGradient.RowCount}×{outputGradient.ColumnCount}.",
                nameof(outputGradient));
        int m = _input.ColumnCount;
        // forward: A = f(Z)
        var dZ = Matrix<double>.Build.Dense(OutputSize, m);
        _activation.Backward(_z, _a, outputGradient, dZ);           // dZ = dA ⊙ f′(Z)       (BP1 / BP2)
        // forward: Z = W·X + b
        dZ.RowSums().Divide(m, _db);                                 // db = Σ_columns dZ / m   (BP3)
        dZ.TransposeAndMultiply(_input).Divide(m, _dW);              // dW = dZ·Xᵀ / m          (BP4)
        return computeInputGradient ? _weights.TransposeThisAndMultiply(dZ) : null;   // dX = Wᵀ·dZ (BP2, first factor)
    }

    /// <summary>E.g. "2→3 Tanh (DenseLayer)".</summary>
    public override string ToString() => $"{InputSize}→{OutputSize} {_activation} (DenseLayer)";
}
