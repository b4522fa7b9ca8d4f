using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class MnistSubsetTests : IClassFixture<MnistSubsetTests.Loaded>
{
    private readonly MnistSplit _split;

    public MnistSubsetTests(Loaded loaded) => _split = loaded.Split;

    /// <summary>Loads the committed subset once for the whole class.</summary>
    public sealed class Loaded
    {
        public MnistSplit Split { get; } = MnistSubset.Load();
    }

    [Fact]
    public void Load_ReturnsTheCommittedTrainAndTestCounts()
    {
        _split.Train.Count.ShouldBe(MnistSubset.TrainCount);
        _split.Test.Count.ShouldBe(MnistSubset.TestCount);
        MnistSubset.TrainCount.ShouldBe(8000);
        MnistSubset.TestCount.ShouldBe(2000);
    }

    [Fact]
    public void Load_GivesOneColumnPerImageAnd784FeaturesAnd10Classes()
    {
        _split.Train.Inputs.RowCount.ShouldBe(784);
        _split.Train.Inputs.ColumnCount.ShouldBe(8000);
        _split.Test.Targets.RowCount.ShouldBe(10);
        _split.Test.Targets.ColumnCount.ShouldBe(2000);
    }

    [Fact]
    public void Train_HasThePerDigitCountsOfTheDataReadme()
    {
        _split.Train.CountPerClass().ShouldBe(new[] { 801, 902, 793, 826, 784, 690, 811, 856, 755, 782 });
    }

    [Fact]
    public void Test_HasThePerDigitCountsOfTheDataReadme()
    {
        _split.Test.CountPerClass().ShouldBe(new[] { 200, 225, 198, 206, 196, 173, 203, 214, 189, 196 });
    }

    [Fact]
    public void Pixels_AreInTheUnitIntervalAndUseItsEnds()
    {
        foreach (Dataset data in new[] { _split.Train, _split.Test })
        {
            double[] pixels = data.Inputs.AsColumnMajorArray();
            double min = double.MaxValue, max = double.MinValue;
            foreach (double p in pixels)
            {
                min = Math.Min(min, p);
                max = Math.Max(max, p);
            }

            min.ShouldBe(0.0);
            max.ShouldBe(1.0);
        }
    }

    [Fact]
    public void Pixels_AreWholeBytesOver255()
    {
        double[] pixels = _split.Test.Inputs.AsColumnMajorArray();
        foreach (double p in pixels)
        {
            double scaled = p * 255;
            Math.Abs(scaled - Math.Round(scaled)).ShouldBeLessThan(1e-9);
        }
    }

    [Fact]
    public void Targets_AreOneHotOfTheLabels()
    {
        Dataset test = _split.Test;
        for (int j = 0; j < test.Count; j++)
        {
            test.Targets.Column(j).Sum().ShouldBe(1.0);
            test.Targets[test.Labels[j], j].ShouldBe(1.0);
        }
    }

    [Fact]
    public void TrainAndTest_ShareNoImage()
    {
        var train = new HashSet<string>();
        double[] trainPixels = _split.Train.Inputs.AsColumnMajorArray();
        for (int j = 0; j < _split.Train.Count; j++)
        {
            train.Add(Key(trainPixels, j));
        }

        train.Count.ShouldBe(8000);
        double[] testPixels = _split.Test.Inputs.AsColumnMajorArray();
        for (int j = 0; j < _split.Test.Count; j++)
        {
            train.Contains(Key(testPixels, j)).ShouldBeFalse($"test image {j} also appears in the training set");
        }

        static string Key(double[] pixels, int column)
        {
            var chars = new char[784];
            for (int p = 0; p < 784; p++)
            {
                chars[p] = (char)Math.Round(pixels[(column * 784) + p] * 255);
            }

            return new string(chars);
        }
    }

    [Fact]
    public void FindDirectory_ReturnsTheRepositoryDataMnistFolder()
    {
        string directory = MnistSubset.FindDirectory();

        Path.GetFileName(directory).ShouldBe("mnist");
        File.Exists(Path.Combine(directory, "t10k-labels-idx1-ubyte.gz")).ShouldBeTrue();
    }

    [Fact]
    public void Load_ReadsUncompressedFilesWhenNoGzipIsThere()
    {
        using var temp = new TempDirectory();
        IdxWriter.WriteImages(temp.File("train-images-idx3-ubyte"), new IdxImages(2, 2, 2, [0, 255, 0, 255, 1, 2, 3, 4]));
        IdxWriter.WriteLabels(temp.File("train-labels-idx1-ubyte"), [3, 8]);
        IdxWriter.WriteImages(temp.File("t10k-images-idx3-ubyte.gz"), new IdxImages(1, 2, 2, [9, 9, 9, 9]));
        IdxWriter.WriteLabels(temp.File("t10k-labels-idx1-ubyte.gz"), [5]);

        MnistSplit split = MnistSubset.Load(temp.Path);

        split.Train.Labels.ShouldBe(new[] { 3, 8 });
        split.Train.FeatureCount.ShouldBe(4);
        split.Test.Labels.ShouldBe(new[] { 5 });
    }

    [Fact]
    public void Load_ThrowsDirectoryNotFoundForAMissingFolder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-mnist-" + Guid.NewGuid().ToString("N"));

        Should.Throw<DirectoryNotFoundException>(() => MnistSubset.Load(missing)).Message.ShouldContain(missing);
    }

    [Fact]
    public void Load_ThrowsFileNotFoundNamingBothNamesTried()
    {
        using var temp = new TempDirectory();

        var ex = Should.Throw<FileNotFoundException>(() => MnistSubset.Load(temp.Path));

        ex.Message.ShouldContain(temp.File("train-images-idx3-ubyte.gz"));
        ex.Message.ShouldContain(temp.File("train-images-idx3-ubyte") + "'");
    }
}
