using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class DatasetTests
{
    /// <summary>3 features × n samples; column j holds 100·j + f, label j mod 3, so every column identifies its sample.</summary>
    private static Dataset Numbered(int n = 10)
    {
        Matrix<double> inputs = Matrix<double>.Build.Dense(3, n, (f, j) => (100.0 * j) + f);
        int[] labels = new int[n];
        for (int j = 0; j < n; j++)
        {
            labels[j] = j % 3;
        }

        return new Dataset(inputs, labels, classCount: 3);
    }

    /// <summary>The original sample index of each column (recovered from row 0 = 100·j).</summary>
    private static int[] Identities(Dataset data)
    {
        int[] ids = new int[data.Count];
        for (int j = 0; j < data.Count; j++)
        {
            ids[j] = (int)(data.Inputs[0, j] / 100);
        }

        return ids;
    }

    /// <summary>Checks that each column's features, label and one-hot target still belong together.</summary>
    private static void ShouldBeConsistent(Dataset data)
    {
        for (int j = 0; j < data.Count; j++)
        {
            int id = (int)(data.Inputs[0, j] / 100);
            data.Inputs[1, j].ShouldBe((100.0 * id) + 1);
            data.Inputs[2, j].ShouldBe((100.0 * id) + 2);
            data.Labels[j].ShouldBe(id % 3);
            for (int k = 0; k < data.ClassCount; k++)
            {
                data.Targets[k, j].ShouldBe(k == id % 3 ? 1.0 : 0.0);
            }
        }
    }

    [Fact]
    public void Constructor_BuildsOneHotTargetsOneColumnPerSample()
    {
        Dataset data = Numbered(4);

        data.Count.ShouldBe(4);
        data.FeatureCount.ShouldBe(3);
        data.ClassCount.ShouldBe(3);
        data.Targets.RowCount.ShouldBe(3);
        data.Targets.ColumnCount.ShouldBe(4);
        data.Targets.ToArray().ShouldBe(new double[,]
        {
            { 1, 0, 0, 1 },
            { 0, 1, 0, 0 },
            { 0, 0, 1, 0 },
        });
        data.ToString().ShouldBe("Dataset[4 samples, 3 features, 3 classes]");
    }

    [Fact]
    public void Constructor_RejectsShapeMismatch()
    {
        var ex = Should.Throw<ArgumentException>(() => new Dataset(Matrix<double>.Build.Dense(3, 4), [0, 1, 2]));

        ex.Message.ShouldContain("inputs 3 × 4");
        ex.Message.ShouldContain("labels [3]");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Constructor_RejectsNonFiniteInputNamingRowAndColumn(double value)
    {
        Matrix<double> inputs = Matrix<double>.Build.Dense(3, 4);
        inputs[2, 1] = value;

        var ex = Should.Throw<ArgumentException>(() => new Dataset(inputs, [0, 1, 2, 3]));

        ex.Message.ShouldContain($"{value} at row 2, column 1");
    }

    [Fact]
    public void Constructor_RejectsLabelOutOfRangeNamingIndexAndValue()
    {
        var ex = Should.Throw<ArgumentException>(() => new Dataset(Matrix<double>.Build.Dense(2, 3), [0, 3, 1], classCount: 3));

        ex.Message.ShouldContain("labels[1]=3");
        ex.Message.ShouldContain("0..2");
    }

    [Fact]
    public void Constructor_RejectsNegativeLabel()
    {
        Should.Throw<ArgumentException>(() => new Dataset(Matrix<double>.Build.Dense(2, 2), [0, -1]))
            .Message.ShouldContain("labels[1]=-1");
    }

    [Fact]
    public void FromIdx_ScalesPixelsToUnitIntervalOneColumnPerImage()
    {
        using var temp = new TempDirectory();
        IdxWriter.WriteImages(temp.File("i.gz"), new IdxImages(2, 1, 3, [0, 51, 255, 255, 0, 102]));
        IdxWriter.WriteLabels(temp.File("l.gz"), [4, 7]);

        Dataset data = Dataset.FromIdx(temp.File("i.gz"), temp.File("l.gz"));

        data.Inputs.ToArray().ShouldBe(new double[,] { { 0, 1 }, { 0.2, 0 }, { 1, 0.4 } });
        data.Labels.ShouldBe(new[] { 4, 7 });
        data.Targets[4, 0].ShouldBe(1.0);
        data.Targets[7, 1].ShouldBe(1.0);
    }

    [Fact]
    public void FromIdx_RejectsImageAndLabelCountMismatchNamingBothFiles()
    {
        using var temp = new TempDirectory();
        string images = temp.File("images.idx");
        string labels = temp.File("labels.idx");
        IdxWriter.WriteImages(images, new IdxImages(3, 1, 1, [1, 2, 3]));
        IdxWriter.WriteLabels(labels, [1, 2]);

        var ex = Should.Throw<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        ex.Message.ShouldContain($"3 images in '{images}'");
        ex.Message.ShouldContain($"2 labels in '{labels}'");
    }

    [Fact]
    public void Shuffle_SameSeedGivesSameOrder()
    {
        Dataset data = Numbered(50);

        Identities(data.Shuffle(7)).ShouldBe(Identities(data.Shuffle(7)));
    }

    [Fact]
    public void Shuffle_DifferentSeedsGiveDifferentOrders()
    {
        Dataset data = Numbered(50);

        Identities(data.Shuffle(7)).ShouldNotBe(Identities(data.Shuffle(8)));
    }

    [Fact]
    public void Shuffle_IsAPermutationThatKeepsInputsLabelsAndTargetsTogether()
    {
        Dataset shuffled = Numbered(50).Shuffle(3);

        Identities(shuffled).Order().ShouldBe(Enumerable.Range(0, 50));
        Identities(shuffled).ShouldNotBe(Enumerable.Range(0, 50));
        ShouldBeConsistent(shuffled);
    }

    [Fact]
    public void Split_ByCountKeepsOrder()
    {
        (Dataset first, Dataset second) = Numbered(10).Split(7);

        Identities(first).ShouldBe(Enumerable.Range(0, 7));
        Identities(second).ShouldBe(Enumerable.Range(7, 3));
        ShouldBeConsistent(second);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Split_RejectsCountThatLeavesAnEmptyPart(int firstCount)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Numbered(10).Split(firstCount))
            .Message.ShouldContain($"firstCount={firstCount}");
    }

    [Fact]
    public void Split_ByFractionIsDeterministicDisjointAndComplete()
    {
        Dataset data = Numbered(40);

        (Dataset first, Dataset second) = data.Split(0.75, seed: 11);
        (Dataset again, _) = data.Split(0.75, seed: 11);
        (Dataset other, _) = data.Split(0.75, seed: 12);

        first.Count.ShouldBe(30);
        second.Count.ShouldBe(10);
        Identities(first).ShouldBe(Identities(again));
        Identities(first).ShouldNotBe(Identities(other));
        Identities(first).Concat(Identities(second)).Order().ShouldBe(Enumerable.Range(0, 40));
        ShouldBeConsistent(first);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(0.01)]
    public void Split_RejectsFractionThatLeavesAnEmptyPart(double fraction)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Numbered(10).Split(fraction, seed: 1))
            .Message.ShouldContain("fraction=");
    }

    [Fact]
    public void Take_ReturnsTheFirstSamples()
    {
        Dataset first = Numbered(10).Take(4);

        Identities(first).ShouldBe(Enumerable.Range(0, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => Numbered(10).Take(11)).Message.ShouldContain("count=11");
    }

    [Fact]
    public void Subset_ReturnsTheGivenColumnsInOrderWithRepeats()
    {
        Dataset subset = Numbered(10).Subset([9, 2, 2, 5]);

        Identities(subset).ShouldBe(new[] { 9, 2, 2, 5 });
        ShouldBeConsistent(subset);
    }

    [Fact]
    public void Subset_RejectsIndexOutOfRangeNamingPositionAndValue()
    {
        Should.Throw<ArgumentException>(() => Numbered(10).Subset([1, 10]))
            .Message.ShouldContain("indices[1]=10");
    }

    [Fact]
    public void Operations_LeaveTheSourceUnchanged()
    {
        Dataset data = Numbered(10);

        _ = data.Shuffle(1);
        _ = data.Split(0.5, 2);
        _ = data.Subset([3, 1]);

        Identities(data).ShouldBe(Enumerable.Range(0, 10));
    }

    [Fact]
    public void CountPerClass_CountsEachLabel()
    {
        Numbered(10).CountPerClass().ShouldBe(new[] { 4, 3, 3 });
    }

    [Fact]
    public void Batches_CoverEverySampleExactlyOncePerEpochInOrder()
    {
        Dataset data = Numbered(10);
        var seen = new List<int>();
        var sizes = new List<int>();

        foreach (Batch batch in data.Batches(4))
        {
            sizes.Add(batch.Count);
            seen.AddRange(batch.Indices);
        }

        sizes.ShouldBe(new[] { 4, 4, 2 });
        seen.ShouldBe(Enumerable.Range(0, 10));
    }

    [Fact]
    public void Batches_CoverEverySampleExactlyOncePerEpochShuffled()
    {
        Dataset data = Numbered(23);
        var seen = new List<int>();

        foreach (Batch batch in data.Batches(5, shuffleSeed: 42))
        {
            seen.AddRange(batch.Indices);
        }

        seen.Count.ShouldBe(23);
        seen.Order().ShouldBe(Enumerable.Range(0, 23));
        seen.ShouldNotBe(Enumerable.Range(0, 23));
    }

    [Fact]
    public void Batches_SameSeedGivesSameOrderAndDifferentSeedDifferentOrder()
    {
        Dataset data = Numbered(30);

        int[] Order(int seed) => data.Batches(7, seed).SelectMany(b => b.Indices.ToArray()).ToArray();

        Order(5).ShouldBe(Order(5));
        Order(5).ShouldNotBe(Order(6));
    }

    [Fact]
    public void Batches_LargerThanTheDatasetGiveOneBatchOfAllSamples()
    {
        Batch[] batches = Numbered(3).Batches(100).ToArray();

        batches.Length.ShouldBe(1);
        batches[0].Count.ShouldBe(3);
    }

    [Fact]
    public void Batches_RejectNonPositiveSizeAtTheCall()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Numbered(3).Batches(0))
            .Message.ShouldContain("batchSize=0");
    }
}
