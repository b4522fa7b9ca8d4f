using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public class RandomShiftTests
{
    /// <summary>A 3×3 image (row-major) per column: pixel (r, c) has value 1 + 3r + c, so every pixel is distinct and nonzero.</summary>
    private static Matrix<double> Images(int count) =>
        Matrix<double>.Build.Dense(9, count, (i, _) => 1 + i);

    [Fact]
    public void Apply_MovesEveryPixelByTheSameWholeOffset_AndFillsTheBorderWithZeros()
    {
        var images = Images(200);
        new RandomShift(3, 3, maxShift: 1).Apply(images, new Random(1));
        for (int j = 0; j < images.ColumnCount; j++)
        {
            // Recover the shift from where the original centre pixel (value 5, at (1, 1)) went.
            int at = images.Column(j).ToArray().ToList().IndexOf(5);
            at.ShouldBeGreaterThanOrEqualTo(0);
            int dy = at / 3 - 1, dx = at % 3 - 1;
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                {
                    int r0 = r - dy, c0 = c - dx;   // new (r, c) = old (r − dy, c − dx)
                    double expected = r0 is >= 0 and < 3 && c0 is >= 0 and < 3 ? 1 + 3 * r0 + c0 : 0;
                    images[r * 3 + c, j].ShouldBe(expected);
                }
        }
    }

    [Fact]
    public void Apply_DrawsEveryOffsetInRange_OverManyImages()
    {
        var images = Images(2000);
        new RandomShift(3, 3, maxShift: 1).Apply(images, new Random(2));
        var offsets = Enumerable.Range(0, images.ColumnCount).Select(j => images.Column(j).ToArray().ToList().IndexOf(5)).ToHashSet();
        offsets.Count.ShouldBe(9); // all of (dx, dy) ∈ {−1, 0, 1}²
    }

    [Fact]
    public void Apply_IsDeterministicForASeed()
    {
        var (a, b) = (Images(50), Images(50));
        new RandomShift(3, 3, 1).Apply(a, new Random(3));
        new RandomShift(3, 3, 1).Apply(b, new Random(3));
        a.ShouldBe(b);
    }

    [Fact]
    public void Apply_WithZeroShift_LeavesImagesUnchanged()
    {
        var images = Images(10);
        new RandomShift(3, 3, maxShift: 0).Apply(images, new Random(4));
        images.ShouldBe(Images(10));
    }

    [Fact]
    public void Apply_RejectsABatchOfTheWrongImageSize()
    {
        var error = Should.Throw<ArgumentException>(() => new RandomShift(28, 28).Apply(Images(2), new Random(5)));
        error.Message.ShouldContain("9×2");
        error.Message.ShouldContain("784");
    }

    [Fact]
    public void Constructor_RejectsANegativeShift() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RandomShift(28, 28, -1)).Message.ShouldContain("-1");
}
