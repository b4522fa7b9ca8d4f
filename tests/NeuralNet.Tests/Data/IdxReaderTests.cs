using System.IO.Compression;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static IdxImages SampleImages(int count = 3, int rows = 2, int columns = 4)
    {
        byte[] pixels = new byte[count * rows * columns];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) + 11);
        }

        return new IdxImages(count, rows, columns, pixels);
    }

    private static byte[] ImageFileBytes(IdxImages images)
    {
        using var stream = new MemoryStream();
        IdxWriter.WriteImages(stream, images);
        return stream.ToArray();
    }

    private static byte[] LabelFileBytes(byte[] labels)
    {
        using var stream = new MemoryStream();
        IdxWriter.WriteLabels(stream, labels);
        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("images.idx", false)]
    [InlineData("images.idx.gz", true)]
    public void ReadImages_RoundTripsWhatIdxWriterWrote(string name, bool gzip)
    {
        IdxImages written = SampleImages();
        string path = _temp.File(name);
        IdxWriter.WriteImages(path, written, gzip);

        IdxImages read = IdxReader.ReadImages(path);

        read.Count.ShouldBe(3);
        read.Rows.ShouldBe(2);
        read.Columns.ShouldBe(4);
        read.Pixels.ShouldBe(written.Pixels);
    }

    [Theory]
    [InlineData("labels.idx", false)]
    [InlineData("labels.idx.gz", true)]
    public void ReadLabels_RoundTripsWhatIdxWriterWrote(string name, bool gzip)
    {
        byte[] written = [0, 9, 3, 3, 7, 1];
        string path = _temp.File(name);
        IdxWriter.WriteLabels(path, written, gzip);

        IdxReader.ReadLabels(path).ShouldBe(written);
    }

    [Fact]
    public void ReadImages_DetectsGzipByMagicBytesNotByExtension()
    {
        IdxImages images = SampleImages();
        string gzipWithoutExtension = _temp.File("compressed.idx");
        string plainWithGzExtension = _temp.File("plain.gz");
        File.WriteAllBytes(gzipWithoutExtension, Gzip(ImageFileBytes(images)));
        File.WriteAllBytes(plainWithGzExtension, ImageFileBytes(images));

        IdxReader.ReadImages(gzipWithoutExtension).Pixels.ShouldBe(images.Pixels);
        IdxReader.ReadImages(plainWithGzExtension).Pixels.ShouldBe(images.Pixels);
    }

    [Fact]
    public void ReadImages_ReadsFullMnistSizedFile()
    {
        // The original training file: 60,000 images of 28 × 28, 47,040,016 bytes uncompressed.
        byte[] pixels = new byte[60_000 * 784];
        for (int i = 0; i < pixels.Length; i += 97)
        {
            pixels[i] = (byte)i;
        }

        string path = _temp.File("train-images-idx3-ubyte.gz");
        IdxWriter.WriteImages(path, new IdxImages(60_000, 28, 28, pixels));

        IdxImages read = IdxReader.ReadImages(path);

        read.Count.ShouldBe(60_000);
        read.PixelsPerImage.ShouldBe(784);
        read.Pixels.AsSpan().SequenceEqual(pixels).ShouldBeTrue();
    }

    [Fact]
    public void ReadImages_RejectsWrongMagicNumber()
    {
        string path = _temp.File("labels-not-images.idx");
        File.WriteAllBytes(path, LabelFileBytes([1, 2, 3, 4, 5, 6, 7, 8]));

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("wrong magic number");
        ex.Message.ShouldContain("expected 0x00000803");
        ex.Message.ShouldContain("found 0x00000801");
    }

    [Fact]
    public void ReadLabels_RejectsWrongMagicNumber()
    {
        string path = _temp.File("images-not-labels.idx.gz");
        IdxWriter.WriteImages(path, SampleImages());

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadLabels(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("expected 0x00000801, found 0x00000803");
    }

    [Fact]
    public void ReadImages_RejectsTruncatedHeader()
    {
        string path = _temp.File("short-header.idx");
        File.WriteAllBytes(path, ImageFileBytes(SampleImages())[..7]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("truncated header: expected 16 bytes, found 7");
    }

    [Fact]
    public void ReadLabels_RejectsTruncatedHeader()
    {
        string path = _temp.File("short-header.idx");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadLabels(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("truncated header: expected 8 bytes, found 5");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_RejectsTruncatedData(bool gzip)
    {
        // 3 images × 2 × 4 = 24 pixel bytes announced; keep 16 + 20.
        byte[] content = ImageFileBytes(SampleImages())[..36];
        string path = _temp.File(gzip ? "short-data.idx.gz" : "short-data.idx");
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("truncated data");
        ex.Message.ShouldContain("3 images of 2 × 4 = 24 bytes");
        ex.Message.ShouldContain("found 20");
    }

    [Fact]
    public void ReadImages_RejectsGzipFileCutShort()
    {
        byte[] pixels = new byte[50 * 784];
        new Random(1).NextBytes(pixels);
        byte[] gz = Gzip(ImageFileBytes(new IdxImages(50, 28, 28, pixels)));
        string path = _temp.File("cut.gz");
        File.WriteAllBytes(path, gz[..(gz.Length / 2)]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("truncated data");
    }

    [Fact]
    public void ReadLabels_RejectsTruncatedData()
    {
        string path = _temp.File("short-labels.idx");
        File.WriteAllBytes(path, LabelFileBytes([1, 2, 3, 4, 5])[..10]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadLabels(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("truncated data: the header announces 5 labels");
        ex.Message.ShouldContain("found 2");
    }

    [Fact]
    public void ReadImages_RejectsTrailingData()
    {
        string path = _temp.File("long.idx");
        File.WriteAllBytes(path, [.. ImageFileBytes(SampleImages()), 42]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("trailing data: the header announces 40 bytes in total");
    }

    [Fact]
    public void ReadImages_RejectsNegativeCount()
    {
        byte[] content = ImageFileBytes(SampleImages());
        content[4] = 0xFF;
        string path = _temp.File("negative.idx");
        File.WriteAllBytes(path, content);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("image count in the header is");
        ex.Message.ShouldContain("expected 0 or more");
    }

    [Fact]
    public void ReadLabels_RejectsLabelAboveNine()
    {
        string path = _temp.File("labels.idx.gz");
        IdxWriter.WriteLabels(path, [0, 9, 4, 10, 12]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadLabels(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("label at index 3 is 10, expected 0–9");
    }

    [Fact]
    public void ReadLabels_AcceptsLabelsBelowAGivenClassCount()
    {
        string path = _temp.File("labels.idx");
        IdxWriter.WriteLabels(path, [0, 25, 12]);

        IdxReader.ReadLabels(path, classCount: 26).ShouldBe(new byte[] { 0, 25, 12 });
    }

    [Fact]
    public void ReadImages_RejectsCorruptGzipStream()
    {
        // A valid gzip header followed by a deflate block of the reserved type 11.
        string path = _temp.File("corrupt.gz");
        File.WriteAllBytes(path, [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        var ex = Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("corrupt gzip stream");
    }

    [Fact]
    public void ReadImages_ThrowsFileNotFoundNamingThePath()
    {
        string path = _temp.File("missing-images.idx.gz");

        var ex = Should.Throw<FileNotFoundException>(() => IdxReader.ReadImages(path));

        ex.Message.ShouldContain(path);
        ex.FileName.ShouldBe(path);
    }

    [Fact]
    public void ReadLabels_ThrowsFileNotFoundNamingThePath()
    {
        string path = _temp.File("missing-labels.idx");

        var ex = Should.Throw<FileNotFoundException>(() => IdxReader.ReadLabels(path));

        ex.Message.ShouldContain(path);
    }
}
