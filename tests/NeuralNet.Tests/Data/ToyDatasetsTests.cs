using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class ToyDatasetsTests
{
    public static TheoryData<ToyDataset> Kinds => new(Enum.GetValues<ToyDataset>());

    private static double[] Values(Dataset data) => data.Inputs.ToColumnMajorArray();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_HasTwoFeaturesTwoClassesAndOneColumnPerSample(ToyDataset kind)
    {
        var data = ToyDatasets.Generate(kind, count: 101, noise: 0.1, seed: 3);

        data.FeatureCount.ShouldBe(2);
        data.ClassCount.ShouldBe(2);
        data.Count.ShouldBe(101);
        data.Inputs.ColumnCount.ShouldBe(101);
        data.Targets.RowCount.ShouldBe(2);
        Values(data).ShouldAllBe(x => double.IsFinite(x));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_AlternatesLabelsSoTheClassesAreBalanced(ToyDataset kind)
    {
        var data = ToyDatasets.Generate(kind, count: 101, seed: 5);

        data.Labels.ShouldBe(Enumerable.Range(0, 101).Select(j => j % 2).ToArray());
        data.CountPerClass().ShouldBe([51, 50]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_SameSeedGivesBitIdenticalData_AnotherSeedOtherData(ToyDataset kind)
    {
        var first = ToyDatasets.Generate(kind, 200, noise: 0.2, seed: 42);
        var again = ToyDatasets.Generate(kind, 200, noise: 0.2, seed: 42);
        var other = ToyDatasets.Generate(kind, 200, noise: 0.2, seed: 43);

        Values(again).ShouldBe(Values(first));              // exact: bit-identical doubles
        again.Labels.ShouldBe(first.Labels);
        Values(other).SequenceEqual(Values(first)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Noise_MovesEachPointByNoiseTimesTheSameGaussianDraws(ToyDataset kind)
    {
        var clean = Values(ToyDatasets.Generate(kind, 2000, noise: 0, seed: 7));
        var noisy = Values(ToyDatasets.Generate(kind, 2000, noise: 0.1, seed: 7));
        var noisier = Values(ToyDatasets.Generate(kind, 2000, noise: 0.3, seed: 7));

        var displacement = clean.Zip(noisy, (c, n) => n - c).ToArray();
        // the same ε for every noise level: 0.3 moves each coordinate exactly 3 times as far as 0.1
        for (int i = 0; i < clean.Length; i++)
            (noisier[i] - clean[i]).ShouldBe(3 * displacement[i], 1e-12);
        // and ε ~ N(0, 1): the displacement's standard deviation is the noise level (2 × 2000 draws: within ±6%)
        double std = Math.Sqrt(displacement.Select(d => d * d).Average());
        std.ShouldBeInRange(0.094, 0.106);
    }

    [Fact]
    public void Xor_WithoutNoise_ClassOneIsExactlyWhereX1TimesX2IsPositive()
    {
        var data = ToyDatasets.Xor(500, seed: 1);

        for (int j = 0; j < data.Count; j++)
        {
            double x1 = data.Inputs[0, j], x2 = data.Inputs[1, j];
            (x1 * x2 > 0).ShouldBe(data.Labels[j] == 1);
            Math.Abs(x1).ShouldBeInRange(0.1, 1);
            Math.Abs(x2).ShouldBeInRange(0.1, 1);
        }
    }

    [Fact]
    public void Circles_WithoutNoise_PutClassOneInsideRadiusHalfAndClassZeroOnTheRing()
    {
        var data = ToyDatasets.Circles(500, seed: 1);

        for (int j = 0; j < data.Count; j++)
        {
            double r = Math.Sqrt(data.Inputs[0, j] * data.Inputs[0, j] + data.Inputs[1, j] * data.Inputs[1, j]);
            if (data.Labels[j] == 1) r.ShouldBeLessThanOrEqualTo(0.5 + 1e-12);
            else r.ShouldBeInRange(0.75 - 1e-12, 1 + 1e-12);
        }
    }

    [Fact]
    public void Moons_WithoutNoise_LieOnTheTwoArcs()
    {
        var data = ToyDatasets.Moons(400, seed: 2);

        for (int j = 0; j < data.Count; j++)
        {
            // undo the centring, the scaling and (class 1) the half turn: both map back to (cos t, sin t)
            double sign = data.Labels[j] == 0 ? 1 : -1;
            double u = sign * data.Inputs[0, j] * 1.5 + 0.5, v = sign * data.Inputs[1, j] * 1.5 + 0.25;
            (u * u + v * v).ShouldBe(1, 1e-12);
            v.ShouldBeGreaterThanOrEqualTo(-1e-12);              // the upper half circle: t ∈ [0, π]
        }
    }

    [Fact]
    public void Spirals_WithoutNoise_EachPointLiesOnItsArm()
    {
        var data = ToyDatasets.Spirals(400, seed: 3);

        for (int j = 0; j < data.Count; j++)
        {
            double x1 = data.Inputs[0, j], x2 = data.Inputs[1, j];
            double t = Math.Sqrt(x1 * x1 + x2 * x2);                 // r = t
            double theta = 3.5 * Math.PI * t + data.Labels[j] * Math.PI;
            x1.ShouldBe(t * Math.Cos(theta), 1e-12);
            x2.ShouldBe(t * Math.Sin(theta), 1e-12);
        }
    }

    [Fact]
    public void GaussianClusters_HaveTheirCentresAndSpread()
    {
        var data = ToyDatasets.GaussianClusters(4000, seed: 4);

        foreach (int label in new[] { 0, 1 })
        {
            var columns = Enumerable.Range(0, data.Count).Where(j => data.Labels[j] == label).ToArray();
            double centre = label == 1 ? 0.5 : -0.5;
            foreach (int row in new[] { 0, 1 })
            {
                var values = columns.Select(j => data.Inputs[row, j]).ToArray();
                values.Average().ShouldBe(centre, 0.02);         // 2000 draws of σ = 0.25: the mean is within ±0.0056 (1σ)
                Math.Sqrt(values.Select(x => (x - centre) * (x - centre)).Average()).ShouldBe(ToyDatasets.ClusterSpread, 0.015);
            }
        }
    }

    [Fact]
    public void GenerateSplit_SplitsTheSamePointsAtRandomWithTheSeed()
    {
        var all = ToyDatasets.Generate(ToyDataset.Moons, 100, 0.1, seed: 9);
        var (train, test) = ToyDatasets.GenerateSplit(ToyDataset.Moons, 100, 0.1, trainFraction: 0.7, seed: 9);
        var (train2, _) = ToyDatasets.GenerateSplit(ToyDataset.Moons, 100, 0.1, trainFraction: 0.7, seed: 9);

        train.Count.ShouldBe(70);
        test.Count.ShouldBe(30);
        Values(train2).ShouldBe(Values(train));
        // together exactly the generated points, not in their generated order
        var columns = (Dataset d) => Enumerable.Range(0, d.Count).Select(j => (d.Inputs[0, j], d.Inputs[1, j], d.Labels[j]));
        columns(train).Concat(columns(test)).OrderBy(p => p).ShouldBe(columns(all).OrderBy(p => p));
        columns(train).SequenceEqual(columns(all).Take(70)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Generate_RejectsFewerThanTwoSamples(int count)
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => ToyDatasets.Generate(ToyDataset.Xor, count));
        e.ParamName.ShouldBe("count");
        e.Message.ShouldContain($"Received: count={count}");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Generate_RejectsNegativeOrNonFiniteNoise(double noise)
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => ToyDatasets.Spirals(10, noise));
        e.ParamName.ShouldBe("noise");
        e.Message.ShouldContain("noise=");
    }

    [Fact]
    public void Generate_RejectsAnUndefinedKind()
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => ToyDatasets.Generate((ToyDataset)99, 10));
        e.ParamName.ShouldBe("kind");
        e.Message.ShouldContain("Xor, Circles, Moons, Spirals, GaussianClusters");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.01)]   // rounds to 0 training samples of 10
    [InlineData(0.99)]   // rounds to 10 of 10: no test sample
    [InlineData(double.NaN)]
    public void GenerateSplit_RejectsAFractionThatLeavesASetEmpty(double fraction)
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => ToyDatasets.GenerateSplit(ToyDataset.Circles, 10, 0, fraction, 0));
        e.ParamName.ShouldBe("trainFraction");
    }
}
