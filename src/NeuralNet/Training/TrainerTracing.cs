using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Tracing;

namespace NeuralNet.Training;

/// <summary><c>network.Trace(x, y, trainer.Options)</c>: traces one step with a trainer's settings; <c>using NeuralNet.Training;</c>.</summary>
public static class TrainerTracing
{
    extension(Network network)
    {
        /// <summary>Traces one step with a trainer's loss, optimizer, learning rate and weight decay, on the batch as given (no shuffling); see <see cref="NetworkTracing"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        public BackpropTrace Trace(Matrix<double> inputs, Matrix<double> targets, TrainerOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return network.Trace(inputs, targets, options.Loss, options.Optimizer, options.LearningRate, options.WeightDecay);
        }
    }
}
