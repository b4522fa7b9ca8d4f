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
    internal Parameter(string name, double[] value, double[] gradient, bool isWeight)
    {
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
