using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet;

/// <summary>
/// One layer of a feed-forward network: Y = layer(X), X is <see cref="InputSize"/> × m, Y is <see cref="OutputSize"/> × m
/// (one column per sample). <see cref="Layer"/> implements it; so can a student's own layer, which
/// <see cref="Network"/> chains, trains, checks (<see cref="Diagnostics.GradientChecker"/>) and traces like a built-in one.
/// </summary>
/// <remarks>
/// <para><b>The contract.</b> <see cref="Forward"/> caches what <see cref="Backward"/> needs; <see cref="Backward"/> is
/// called at most once after each training <see cref="Forward"/>, with dA = ∂C/∂Y per sample (not divided by m), and
/// writes every <see cref="Parameter.Gradient"/> as ∂C/∂θ of the batch-mean cost C = (1/m)·Σₓ Cₓ, i.e. averaged
/// over the m samples, as BP3 and BP4 do: ∂C/∂b = mean of δ's columns, ∂C/∂W = δ·Xᵀ/m.</para>
/// <para><b>Threads.</b> A layer is used by one thread at a time. <see cref="Network.Predict(Matrix{double})"/> on a
/// network that holds a layer other than <see cref="Layer"/> serialises its calls with a lock.</para>
/// <para>Initialising the parameters is the layer's own business (its constructor, say): <see cref="Network.Initialize(int)"/>
/// draws only the built-in <see cref="Layer"/>s.</para>
/// </remarks>
/// <example><code>
/// // A dense layer a student writes: Z = W·X + b, A = f(Z) forward; dZ = dA ⊙ f′(Z), dW = dZ·Xᵀ/m, db = mean of dZ's columns, dX = Wᵀ·dZ backward.
/// var network = new Network(new MyDense(2, 3), new Layer(3, 1, new Sigmoid()));
/// </code></example>
public interface ILayer
{
    /// <summary>n_in, the number of rows of the input X.</summary>
    int InputSize { get; }

    /// <summary>n_out, the number of rows of the output Y.</summary>
    int OutputSize { get; }

    /// <summary>The trainable parameters with their gradient buffers, in a fixed order (W and b for a dense layer).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Forward pass Y = layer(X); caches what <see cref="Backward"/> needs.</summary>
    /// <param name="input">X, <see cref="InputSize"/> × m, one column per sample.</param>
    /// <param name="training">True during training (batch statistics, dropout); false for inference.</param>
    /// <returns>Y, <see cref="OutputSize"/> × m; may be a buffer the layer owns and reuses on the next call.</returns>
    Matrix<double> Forward(Matrix<double> input, bool training);

    /// <summary>Backward pass for the last <see cref="Forward"/>: writes every parameter's gradient and returns dX.</summary>
    /// <param name="outputGradient">dA = ∂C/∂Y per sample (not divided by m), <see cref="OutputSize"/> × m.</param>
    /// <param name="computeInputGradient">Whether dX is needed (false for the first layer of a network).</param>
    /// <returns>dX = ∂C/∂X per sample, <see cref="InputSize"/> × m, or null when <paramref name="computeInputGradient"/> is false.</returns>
    Matrix<double>? Backward(Matrix<double> outputGradient, bool computeInputGradient);
}
