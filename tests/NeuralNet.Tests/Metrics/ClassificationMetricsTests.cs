using NeuralNet.Metrics;

namespace NeuralNet.Tests.Metrics;

/// <summary>
/// Every classification metric against values worked out by hand (and checked with scikit-learn 1.2.1) on
/// y = [a, a, b, b, b, c], ŷ = [a, b, b, b, c, c]: confusion rows a: 1 1 0, b: 0 2 1, c: 0 0 1.
/// </summary>
public class ClassificationMetricsTests
{
    private static readonly string[] Actual = ["a", "a", "b", "b", "b", "c"];
    private static readonly string[] Predicted = ["a", "b", "b", "b", "c", "c"];

    [Fact]
    public void Accuracy_IsTheShareOfEqualLabels() =>
        ClassificationMetrics.Accuracy(Actual, Predicted).ShouldBe(4.0 / 6, 1e-15);

    [Fact]
    public void ConfusionMatrix_HasTrueClassesInRowsAndPredictionsInColumns()
    {
        var c = ClassificationMetrics.ConfusionMatrix(Actual, Predicted);
        c.ShouldBe(new[,] { { 1, 1, 0 }, { 0, 2, 1 }, { 0, 0, 1 } });
    }

    [Fact]
    public void ConfusionMatrix_FollowsTheGivenClassOrder_AndRejectsAnUnknownLabel()
    {
        ClassificationMetrics.ConfusionMatrix(Actual, Predicted, ["c", "b", "a"]).ShouldBe(new[,] { { 1, 0, 0 }, { 1, 2, 0 }, { 0, 1, 1 } });
        Should.Throw<ArgumentException>(() => ClassificationMetrics.ConfusionMatrix(Actual, Predicted, ["a", "b"])).Message.ShouldContain("\"c\"");
    }

    [Fact]
    public void PerClass_GivesPrecisionRecallF1AndSupport()
    {
        var scores = ClassificationMetrics.PerClass(Actual, Predicted);
        scores.Select(s => s.Class).ShouldBe(["a", "b", "c"]);
        scores[0].Precision.ShouldBe(1.0, 1e-15);       // 1 / 1
        scores[0].Recall.ShouldBe(0.5, 1e-15);          // 1 / 2
        scores[0].F1.ShouldBe(2 * 0.5 / 1.5, 1e-15);
        scores[1].Precision.ShouldBe(2.0 / 3, 1e-15);   // 2 / 3
        scores[1].Recall.ShouldBe(2.0 / 3, 1e-15);
        scores[2].Precision.ShouldBe(0.5, 1e-15);       // 1 / 2
        scores[2].Recall.ShouldBe(1.0, 1e-15);
        scores.Select(s => s.Support).ShouldBe([2, 3, 1]);
        scores.ShouldAllBe(s => Math.Abs(s.F1 - 2.0 / 3) < 1e-15);   // scikit-learn: [0.667, 0.667, 0.667]
    }

    [Fact]
    public void MacroAverages_AreTheUnweightedMeansOverClasses()
    {
        ClassificationMetrics.MacroPrecision(Actual, Predicted).ShouldBe((1 + 2.0 / 3 + 0.5) / 3, 1e-15);   // 0.7222
        ClassificationMetrics.MacroRecall(Actual, Predicted).ShouldBe((0.5 + 2.0 / 3 + 1) / 3, 1e-15);      // 0.7222
        ClassificationMetrics.MacroF1(Actual, Predicted).ShouldBe(2.0 / 3, 1e-15);
    }

    [Fact]
    public void BinaryPrecisionRecallF1_TreatTheGivenClassAsPositive()
    {
        ClassificationMetrics.Precision(Actual, Predicted, "c").ShouldBe(0.5, 1e-15);
        ClassificationMetrics.Recall(Actual, Predicted, "a").ShouldBe(0.5, 1e-15);
        ClassificationMetrics.F1(Actual, Predicted, "b").ShouldBe(2.0 / 3, 1e-15);
    }

    [Fact]
    public void UndefinedRatios_CountAsZero()
    {
        // "z" is never predicted and has no samples: precision 0/0 and recall 0/0 are 0, as scikit-learn's zero_division=0.
        ClassificationMetrics.Precision(Actual, Predicted, "z").ShouldBe(0);
        ClassificationMetrics.Recall(Actual, Predicted, "z").ShouldBe(0);
        ClassificationMetrics.F1(Actual, Predicted, "z").ShouldBe(0);
    }

    [Fact]
    public void Accuracy_OfOneSigmoidOutput_ThresholdsTheProbability()
    {
        int[] labels = [1, 0, 1, 0];
        double[] p = [0.7, 0.5, 0.4, 0.1];
        ClassificationMetrics.Accuracy(labels, p).ShouldBe(0.5);               // predictions 1 1 0 0 (0.5 ≥ 0.5 is positive)
        ClassificationMetrics.Accuracy(labels, p, threshold: 0.35).ShouldBe(0.75);   // 1 1 1 0
        Should.Throw<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 2], [0.1, 0.9])).Message.ShouldContain("labels[1]=2");
    }

    [Fact]
    public void RocAuc_IsTheShareOfPositiveNegativePairsRankedRight_TiesCountingHalf()
    {
        // positives score 0.9, 0.4, 0.8; negatives 0.4, 0.2, 0.7: 3 + (0.5 + 1) + 3 = 7.5 of 9 pairs (scikit-learn: 0.8333).
        ClassificationMetrics.RocAuc([1, 1, 0, 0, 1, 0], [0.9, 0.4, 0.4, 0.2, 0.8, 0.7], positiveClass: 1).ShouldBe(7.5 / 9, 1e-15);
        ClassificationMetrics.RocAuc(["x", "y", "x"], [0.1, 0.2, 0.3], positiveClass: "y").ShouldBe(0.5, 1e-15);
    }

    [Fact]
    public void RocAuc_NeedsBothClasses() =>
        Should.Throw<ArgumentException>(() => ClassificationMetrics.RocAuc([1, 1], [0.2, 0.3], 1)).Message.ShouldContain("both classes");

    [Fact]
    public void Metrics_RejectListsOfDifferentLength() =>
        Should.Throw<ArgumentException>(() => ClassificationMetrics.Accuracy(["a"], ["a", "b"])).Message.ShouldContain("1 true values and 2 predictions");
}
