using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public sealed class IdxImagesTests
{
    [Fact]
    public void Constructor_RejectsPixelCountThatDoesNotMatchTheShape()
    {
        var ex = Should.Throw<ArgumentException>(() => new IdxImages(2, 2, 2, new byte[7]));

        ex.Message.ShouldContain("2 × 2 × 2 = 8 pixel bytes");
        ex.Message.ShouldContain("Received: 7 bytes");
    }

    [Fact]
    public void GetImage_ReturnsThatImagesRowMajorBytes()
    {
        var images = new IdxImages(2, 2, 3, [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]);

        images.GetImage(1).ToArray().ShouldBe(new byte[] { 10, 11, 12, 13, 14, 15 });
        images.PixelsPerImage.ShouldBe(6);
        images.ToString().ShouldBe("IdxImages[2 × 2×3]");
    }

    [Fact]
    public void GetImage_RejectsIndexOutOfRange()
    {
        var images = new IdxImages(1, 1, 1, [5]);

        Should.Throw<ArgumentOutOfRangeException>(() => images.GetImage(1)).Message.ShouldContain("index=1");
    }
}
