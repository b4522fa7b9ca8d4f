using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class BatchTests
{
    private static Dataset Numbered(int n)
    {
        Matrix<double> inputs = Matrix<double>.Build.Dense(2, n, (f, j) => (10.0 * j) + f);
        int[] labels = new int[n];
        for (int j = 0; j < n; j++)
        {
            labels[j] = (j * 7) % 4;
        }

        return new Dataset(inputs, labels, classCount: 4);
    }

    [Fact]
    public void Columns_MatchTheSourceSamplesNamedByIndices()
    {
        Dataset data = Numbered(9);

        foreach (Batch batch in data.Batches(4, shuffleSeed: 1))
        {
            batch.Inputs.RowCount.ShouldBe(2);
            batch.Inputs.ColumnCount.ShouldBe(batch.Count);
            batch.Targets.RowCount.ShouldBe(4);
            batch.Targets.ColumnCount.ShouldBe(batch.Count);
            for (int k = 0; k < batch.Count; k++)
            {
                int j = batch.Indices[k];
                batch.Inputs.Column(k).ShouldBe(data.Inputs.Column(j));
                batch.Targets.Column(k).ShouldBe(data.Targets.Column(j));
                batch.Labels[k].ShouldBe(data.Labels[j]);
            }
        }
    }

    [Fact]
    public void FullBatches_ReuseOneBufferAndTheLastSmallerBatchHasItsOwn()
    {
        var batches = new List<Batch>();
        var inputs = new List<Matrix<double>>();
        foreach (Batch batch in Numbered(10).Batches(3))
        {
            batches.Add(batch);
            inputs.Add(batch.Inputs);
        }

        batches.Count.ShouldBe(4);
        batches[1].ShouldBeSameAs(batches[0]);
        batches[2].ShouldBeSameAs(batches[0]);
        inputs[2].ShouldBeSameAs(inputs[0]);
        batches[3].ShouldNotBeSameAs(batches[0]);
        batches[3].Count.ShouldBe(1);
    }

    [Fact]
    public void Buffer_IsOverwrittenByTheNextBatch()
    {
        using IEnumerator<Batch> epoch = Numbered(6).Batches(2).GetEnumerator();

        epoch.MoveNext().ShouldBeTrue();
        Batch first = epoch.Current;
        first.Inputs[0, 0].ShouldBe(0.0);
        epoch.MoveNext().ShouldBeTrue();

        first.Inputs[0, 0].ShouldBe(20.0);
        first.Indices.ShouldBe(new[] { 2, 3 });
    }

    [Fact]
    public void ToString_DescribesTheShape()
    {
        Numbered(5).Batches(5).Single().ToString().ShouldBe("Batch[5 samples, 2 features, 4 classes]");
    }
}
