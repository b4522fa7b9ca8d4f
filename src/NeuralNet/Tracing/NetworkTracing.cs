using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;

namespace NeuralNet.Tracing;

/// <summary><c>network.Trace(x, y, loss)</c>: an extension member (C# 14) over the tracer; <c>using NeuralNet.Tracing;</c>.</summary>
public static class NetworkTracing
{
    extension(Network network)
    {
        /// <summary>
        /// One training step written out for study: the forward pass (z, a; x̂ with batch norm, M with dropout), the cost C,
        /// the backward pass (f′(z), δ, ∂C/∂b, ∂C/∂W, each labelled BP1–BP4; ∂C/∂γ, ∂C/∂β, dU with batch norm) and the
        /// update the optimizer would make, for every layer. Parameters are not changed.
        /// </summary>
        /// <remarks>
        /// Every number is recorded from the real training-mode step (as <see cref="Network.Backpropagate"/> and the Trainer
        /// run it), not re-derived: the gradients are bit for bit <see cref="Network.Backpropagate"/>'s. Batch-norm running
        /// statistics and dropout generators advance as in a training step. The update is <paramref name="optimizer"/>'s
        /// own step, run on scratch copies of the parameters from a fresh state (the first step of training; its state
        /// for this network is not touched). Print it with <see cref="BackpropTrace.ToString"/> or <see cref="TraceFormatter.Format"/>.
        /// </remarks>
        /// <param name="inputs">X, n_in × m.</param>
        /// <param name="targets">Y, n_out × m.</param>
        /// <param name="loss">The cost function C.</param>
        /// <param name="optimizer">The update rule; null for plain <see cref="Sgd"/>.</param>
        /// <param name="learningRate">η &gt; 0; default 0.1, as the trainer's default.</param>
        /// <param name="weightDecay">λ ≥ 0 added as λ·W to the weight gradients before the update, as the trainer does.</param>
        /// <exception cref="ArgumentException">Mismatched shapes (naming both) or non-finite values (naming row and column).</exception>
        /// <exception cref="ArgumentOutOfRangeException">η not positive or λ negative.</exception>
        /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
        public BackpropTrace Trace(Matrix<double> inputs, Matrix<double> targets, ILoss loss, IOptimizer? optimizer = null,
            double learningRate = 0.1, double weightDecay = 0) =>
            BackpropTracer.Run(network, inputs, targets, loss, optimizer, learningRate, weightDecay);
    }
}
