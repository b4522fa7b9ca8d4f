using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>The trainer reports validation accuracy for class targets only: a regression has none (issue 15 reported ValidationAccuracy = 1 for one).</summary>
public class ValidationMetricTests
{
    private static EpochReport OneEpoch(Matrix<double> y, IActivation output)
    {
        var x = Matrix<double>.Build.Dense(2, 6, (i, j) => Math.Sin(i + 2 * j));
        var network = new Network(new Layer(2, y.RowCount, output));
        network.Initialize(seed: 1);
        return new Trainer(network, new TrainerOptions { Epochs = 1, Loss = new MeanSquaredError() }).Train(x, y, x, y).Epochs[0];
    }

    [Fact]
    public void RegressionTargets_HaveNoValidationAccuracy() =>
        OneEpoch(Matrix<double>.Build.Dense(1, 6, (_, j) => 10.0 * j + 0.5), new Identity()).ValidationAccuracy.ShouldBeNull();

    [Fact]
    public void BinaryTargets_OnOneSigmoidOutput_HaveValidationAccuracy() =>
        OneEpoch(Matrix<double>.Build.Dense(1, 6, (_, j) => j % 2), new Sigmoid()).ValidationAccuracy.ShouldNotBeNull();

    [Fact]
    public void OneHotTargets_HaveValidationAccuracy_ButOtherZeroOneMatricesDoNot()
    {
        OneEpoch(Matrix<double>.Build.Dense(3, 6, (i, j) => i == j % 3 ? 1 : 0), new Softmax()).ValidationAccuracy.ShouldNotBeNull();
        OneEpoch(Matrix<double>.Build.Dense(2, 6, (i, j) => 1), new Sigmoid()).ValidationAccuracy.ShouldBeNull();   // two 1s per column: not one-hot
    }
}
