using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>Evaluation on a single sigmoid output row (issue 15: Accuracy threw on it): class 1 when a ≥ t.</summary>
public class EvaluationSigmoidTests
{
    private static readonly Matrix<double> Outputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.7, 0.5, 0.4, 0.1 } });

    [Fact]
    public void Accuracy_ThresholdsTheSingleOutput()
    {
        Evaluation.Accuracy(Outputs, [1, 0, 1, 0]).ShouldBe(0.5);               // predictions 1 1 0 0
        Evaluation.Accuracy(Outputs, [1, 0, 1, 0], threshold: 0.35).ShouldBe(0.75);
        Evaluation.Argmax(Outputs).ShouldBe([1, 1, 0, 0]);
    }

    [Fact]
    public void ConfusionMatrix_OfOneOutput_IsTwoByTwo() =>
        Evaluation.ConfusionMatrix(Outputs, [1, 0, 1, 0], classes: 2).ShouldBe(new[,] { { 1, 1 }, { 1, 1 } });

    [Fact]
    public void Labels_MustBeZeroOrOne() =>
        Should.Throw<ArgumentException>(() => Evaluation.Accuracy(Outputs, [1, 0, 2, 0])).Message.ShouldContain("one sigmoid output: 0 or 1");

    [Fact]
    public void Dataset_InfersTheClassCount_FromTheLabels() =>
        new Dataset(Matrix<double>.Build.Dense(2, 4), [0, 2, 1, 2]).ClassCount.ShouldBe(3);
}
