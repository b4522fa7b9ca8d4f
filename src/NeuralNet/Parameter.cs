namespace NeuralNet;

/// <summary>
/// A trainable tensor θ and its gradient ∂C/∂θ, as flat views over the owning layer's storage.
/// Optimizers update <see cref="Value"/> in place from <see cref="Gradient"/>.
/// </summary>
/// <remarks>
/// For a weight matrix the arrays are the matrix's column-major storage (element (i, j) of an r-row matrix is at i + j·r).
/// Writing into <see cref="Value"/> changes the layer's parameters directly.
/// </remarks>
public sealed class Parameter
{
    /// <summary>Wraps a layer's parameter storage and its gradient buffer; used by a layer of your own (<see cref="ILayer"/>).</summary>
    /// <param name="name">Short name as in the equations, e.g. "W" or "b".</param>
    /// <param name="value">θ, the live values (for a matrix, its column-major storage).</param>
    /// <param name="gradient">The buffer the layer's backward pass writes ∂C/∂θ into; as long as <paramref name="value"/>.</param>
    /// <param name="isWeight">True for a weight matrix (weight decay applies to it), false for a bias, scale or shift.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The two arrays differ in length, or are the same array.</exception>
    public Parameter(string name, double[] value, double[] gradient, bool isWeight)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Length != value.Length)
            throw new ArgumentException($"gradient must have as many entries as value ({value.Length}). Received: {gradient.Length}.", nameof(gradient));
        if (ReferenceEquals(value, gradient))
            throw new ArgumentException("value and gradient must be different arrays.", nameof(gradient));
        Name = name;
        Value = value;
        Gradient = gradient;
        IsWeight = isWeight;
    }

    /// <summary>Short name as in the equations: "W", "b", "γ" or "β".</summary>
    public string Name { get; }

    /// <summary>The live parameter values θ.</summary>
    public double[] Value { get; }

    /// <summary>∂C/∂θ from the last backward pass, averaged over the mini-batch; same length as <see cref="Value"/>.</summary>
    public double[] Gradient { get; }

    /// <summary>True for weight matrices, which weight decay applies to; false for biases and batch-norm shifts and scales.</summary>
    public bool IsWeight { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}[{Value.Length}]";
}
