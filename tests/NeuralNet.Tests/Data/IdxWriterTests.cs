using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class IdxWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteImages_WritesBigEndianHeaderThenPixels()
    {
        using var stream = new MemoryStream();

        IdxWriter.WriteImages(stream, new IdxImages(2, 1, 3, [1, 2, 3, 4, 5, 6]));

        stream.ToArray().ShouldBe(new byte[]
        {
            0, 0, 8, 3,   0, 0, 0, 2,   0, 0, 0, 1,   0, 0, 0, 3,
            1, 2, 3, 4, 5, 6,
        });
    }

    [Fact]
    public void WriteLabels_WritesBigEndianHeaderThenLabels()
    {
        using var stream = new MemoryStream();

        IdxWriter.WriteLabels(stream, [7, 0, 9]);

        stream.ToArray().ShouldBe(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9 });
    }

    [Fact]
    public void WriteLabels_CompressesWhenThePathEndsWithGz()
    {
        string path = _temp.File("labels.idx.gz");

        IdxWriter.WriteLabels(path, [1, 2, 3]);

        byte[] bytes = File.ReadAllBytes(path);
        bytes[0].ShouldBe((byte)0x1F);
        bytes[1].ShouldBe((byte)0x8B);
    }

    [Fact]
    public void WriteLabels_HonoursAnExplicitGzipChoice()
    {
        string plain = _temp.File("labels.gz");
        string compressed = _temp.File("labels.idx");

        IdxWriter.WriteLabels(plain, [1, 2, 3], gzip: false);
        IdxWriter.WriteLabels(compressed, [1, 2, 3], gzip: true);

        File.ReadAllBytes(plain)[..4].ShouldBe(new byte[] { 0, 0, 8, 1 });
        File.ReadAllBytes(compressed)[..2].ShouldBe(new byte[] { 0x1F, 0x8B });
        IdxReader.ReadLabels(compressed).ShouldBe(new byte[] { 1, 2, 3 });
    }
}
