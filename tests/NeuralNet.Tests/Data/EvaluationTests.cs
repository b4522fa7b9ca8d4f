using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class EvaluationTests
{
    // 3 classes × 4 samples; column argmaxes are 0, 2, 1, 0 (the last column is a tie of 0 and 2).
    private static readonly Matrix<double> Outputs = Matrix<double>.Build.DenseOfArray(new double[,]
    {
        { 0.9, 0.1, 0.2, 0.5 },
        { 0.05, 0.3, 0.7, 0.1 },
        { 0.05, 0.6, 0.1, 0.5 },
    });

    [Fact]
    public void Argmax_PicksTheLargestRowPerColumnAndTheLowestIndexOnTies()
    {
        Evaluation.Argmax(Outputs).ShouldBe(new[] { 0, 2, 1, 0 });
    }

    [Fact]
    public void Argmax_NeverPicksNaN()
    {
        Matrix<double> outputs = Matrix<double>.Build.DenseOfArray(new double[,] { { double.NaN, double.NaN }, { 0.2, double.NaN } });

        Evaluation.Argmax(outputs).ShouldBe(new[] { 1, 0 });
    }

    [Fact]
    public void Accuracy_IsTheShareOfColumnsWhoseArgmaxIsTheLabel()
    {
        Evaluation.Accuracy(Outputs, [0, 2, 1, 2]).ShouldBe(0.75);
        Evaluation.CountCorrect(Outputs, [0, 2, 1, 2]).ShouldBe(3);
        Evaluation.Accuracy(Outputs, [1, 0, 0, 1]).ShouldBe(0.0);
    }

    [Fact]
    public void Accuracy_RejectsShapeMismatchNamingBothShapes()
    {
        var ex = Should.Throw<ArgumentException>(() => Evaluation.Accuracy(Outputs, [0, 1, 2]));

        ex.Message.ShouldContain("outputs 3 × 4");
        ex.Message.ShouldContain("labels [3]");
    }

    [Fact]
    public void Accuracy_RejectsLabelOutOfRange()
    {
        Should.Throw<ArgumentException>(() => Evaluation.Accuracy(Outputs, [0, 1, 3, 0]))
            .Message.ShouldContain("labels[2]=3");
    }

    [Fact]
    public void ConfusionMatrix_HasTrueLabelsAsRowsAndPredictionsAsColumns()
    {
        // Predictions 0, 2, 1, 0 against labels 0, 1, 1, 2.
        int[,] confusion = Evaluation.ConfusionMatrix(Outputs, [0, 1, 1, 2], classes: 3);

        confusion.ShouldBe(new int[,]
        {
            { 1, 0, 0 },
            { 0, 1, 1 },
            { 1, 0, 0 },
        });
    }

    [Fact]
    public void ConfusionMatrix_RejectsOutputsWithTheWrongNumberOfRows()
    {
        var ex = Should.Throw<ArgumentException>(() => Evaluation.ConfusionMatrix(Outputs, [0, 1, 1, 2], classes: 10));

        ex.Message.ShouldContain("outputs 3 × 4");
        ex.Message.ShouldContain("classes=10");
    }
}
