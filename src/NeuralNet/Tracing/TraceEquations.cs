namespace NeuralNet.Tracing;

/// <summary>
/// The labels a <see cref="TracedValue"/> carries to say which equation produced it: the forward pass
/// (z = W·x + b, a = f(z)) and the four backpropagation equations in Nielsen's numbering (chapter 2).
/// </summary>
/// <remarks>
/// In the library's orientation (one column per sample, W is n_out × n_in):
/// <code>
/// BP1  δᴸ = ∇ₐC ⊙ f′(zᴸ)                 the output layer's error (a − y for sigmoid + cross-entropy, softmax + log-likelihood)
/// BP2  δˡ = ((Wˡ⁺¹)ᵀ·δˡ⁺¹) ⊙ f′(zˡ)        a hidden layer's error, from the layer above
/// BP3  ∂C/∂bˡ = mean of δˡ's columns
/// BP4  ∂C/∂Wˡ = δˡ·(aˡ⁻¹)ᵀ / m
/// </code>
/// </remarks>
public static class TraceEquations
{
    /// <summary>A value given to the pass: the input x = a⁰ or the target y.</summary>
    public const string Given = "given";

    /// <summary>A parameter (W or b) as it is before the step.</summary>
    public const string Parameter = "parameter";

    /// <summary>The weighted input z = W·x + b (x is the layer's input, aˡ⁻¹).</summary>
    public const string WeightedInput = "z = W·x + b";

    /// <summary>The activation a = f(z).</summary>
    public const string Activation = "a = f(z)";

    /// <summary>The activation's derivative f′(z), the local factor of BP1 and BP2.</summary>
    public const string Derivative = "f′(z)";

    /// <summary>The loss's per-sample gradient ∇ₐCₓ at the output, from <see cref="Losses.ILoss.Gradient"/>.</summary>
    public const string LossGradient = "∇ₐC";

    /// <summary>BP1: the output error δᴸ = ∇ₐC ⊙ f′(zᴸ).</summary>
    public const string BP1 = "BP1";

    /// <summary>BP2: a hidden layer's error δˡ = ((Wˡ⁺¹)ᵀ·δˡ⁺¹) ⊙ f′(zˡ).</summary>
    public const string BP2 = "BP2";

    /// <summary>BP3: ∂C/∂bˡ = mean of δˡ's columns.</summary>
    public const string BP3 = "BP3";

    /// <summary>BP4: ∂C/∂Wˡ = δˡ·(aˡ⁻¹)ᵀ / m.</summary>
    public const string BP4 = "BP4";

    /// <summary>Batch normalisation's forward step X̂ = (W·x − μ)/√(σ² + ε), z = γ ⊙ X̂ + β, and its backward step to dU.</summary>
    public const string BatchNorm = "batch norm";
    /// <summary>Dropout: the mask M, a ⊙ M forward, ∂C/∂a ⊙ M backward.</summary>
    public const string Dropout = "dropout";
    /// <summary>What a layer of the user's own computed (y = layer(x), dX), read through <see cref="ILayer"/>.</summary>
    public const string Layer = "y = layer(x)";
    /// <summary>∂C/∂γ of batch normalisation: the mean of (δ ⊙ X̂)'s columns.</summary>
    public const string GammaGradient = "∂C/∂γ";
    /// <summary>The optimizer's step Δθ = θ_after − θ_before.</summary>
    public const string Update = "update";
}
