using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public class TrainTestSplitTests
{
    private static double[][] Rows(int n) => Enumerable.Range(0, n).Select(i => new[] { (double)i }).ToArray();

    [Fact]
    public void Split_GivesTheTestPartCeilOfFractionTimesN_AndUsesEveryRowOnce()
    {
        var split = TrainTestSplit.Split(Rows(10), Enumerable.Range(0, 10).ToArray(), testFraction: 0.25, seed: 3);
        split.TestRows.Length.ShouldBe(3);                       // ⌈2.5⌉, as scikit-learn
        split.TrainRows.Length.ShouldBe(7);
        split.TrainRows.Concat(split.TestRows).Select(r => (int)r[0]).Order().ShouldBe(Enumerable.Range(0, 10));
        split.TrainRows.Select(r => (int)r[0]).ShouldBe(split.TrainLabels);   // labels travel with their rows
    }

    [Fact]
    public void Split_IsTheSameForTheSameSeed_AndDiffersForAnother()
    {
        var a = TrainTestSplit.Indices(50, 0.2, seed: 1);
        var b = TrainTestSplit.Indices(50, 0.2, seed: 1);
        var c = TrainTestSplit.Indices(50, 0.2, seed: 2);
        a.Test.ShouldBe(b.Test);
        a.Test.ShouldNotBe(c.Test);
    }

    [Fact]
    public void Stratified_KeepsEveryClassShareInBothParts()
    {
        string[] labels = [.. Enumerable.Repeat("a", 80), .. Enumerable.Repeat("b", 16), .. Enumerable.Repeat("c", 4)];
        var (train, test) = TrainTestSplit.StratifiedIndices(labels, 0.25, seed: 5);
        test.Length.ShouldBe(25);
        test.Count(i => labels[i] == "a").ShouldBe(20);
        test.Count(i => labels[i] == "b").ShouldBe(4);
        test.Count(i => labels[i] == "c").ShouldBe(1);
        train.Concat(test).Order().ShouldBe(Enumerable.Range(0, 100));
    }

    [Fact]
    public void Stratified_GivesTheRemainderToTheLargestRemainders_AndLeavesEveryClassATrainingSample()
    {
        // 7 × "a", 3 × "b", f = 0.3: ⌈3⌉ = 3 test samples; ⌊2.1⌋ = 2 and ⌊0.9⌋ = 0, the missing one goes to "b" (remainder 0.9).
        string[] labels = [.. Enumerable.Repeat("a", 7), .. Enumerable.Repeat("b", 3)];
        var (train, test) = TrainTestSplit.StratifiedIndices(labels, 0.3, seed: 0);
        test.Count(i => labels[i] == "a").ShouldBe(2);
        test.Count(i => labels[i] == "b").ShouldBe(1);
        var (train2, _) = TrainTestSplit.StratifiedIndices(["x", "x", "x", "y"], 0.5, seed: 0);
        train2.ShouldContain(3);    // y's only sample stays in training
        train.Length.ShouldBe(7);
    }

    [Fact]
    public void Split_RejectsAFractionThatEmptiesAPart()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(3, 0.99, 0)).Message.ShouldContain("3 test samples");
        Should.Throw<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(3, 1.5, 0)).Message.ShouldContain("strictly between 0 and 1");
        Should.Throw<ArgumentException>(() => TrainTestSplit.Split(Rows(3), [1, 2], 0.25)).Message.ShouldContain("3 rows and 2 labels");
    }
}
