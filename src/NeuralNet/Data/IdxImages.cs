namespace NeuralNet.Data;

/// <summary>
/// Images decoded from an IDX image file: <see cref="Count"/> images of
/// <see cref="Rows"/> × <see cref="Columns"/> unsigned bytes, stored one after another in
/// <see cref="Pixels"/>, each image row-major (0 = background, 255 = ink in MNIST).
/// </summary>
/// <remarks>
/// Image <c>i</c> occupies <c>Pixels[i·R·C .. (i+1)·R·C)</c> with R = <see cref="Rows"/> and
/// C = <see cref="Columns"/>, and pixel (r, c) of that image is at offset <c>r·C + c</c>.
/// This is the same layout as a column-major <c>(R·C) × Count</c> matrix, one column per image,
/// which is why <see cref="Dataset.FromIdx(string, string, int)"/> can convert it without a
/// transpose. The array is shared, not copied.
/// </remarks>
public sealed class IdxImages
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied) as <paramref name="count"/> images of
    /// <paramref name="rows"/> × <paramref name="columns"/> bytes.</summary>
    /// <param name="count">Number of images, at least 0.</param>
    /// <param name="rows">Rows per image, at least 1.</param>
    /// <param name="columns">Columns per image, at least 1.</param>
    /// <param name="pixels">count · rows · columns bytes, image after image, each row-major.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold exactly
    /// count · rows · columns bytes.</exception>
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected a non-negative image count. Received: count={count}.");
        }

        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"Expected a positive number of rows. Received: rows={rows}.");
        }

        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"Expected a positive number of columns. Received: columns={columns}.");
        }

        long expected = (long)count * rows * columns;
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException(
                $"Expected count × rows × columns = {count} × {rows} × {columns} = {expected} pixel bytes. Received: {pixels.LongLength} bytes.",
                nameof(pixels));
        }

        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Rows per image (28 for MNIST).</summary>
    public int Rows { get; }

    /// <summary>Columns per image (28 for MNIST).</summary>
    public int Columns { get; }

    /// <summary>Bytes per image, <see cref="Rows"/> · <see cref="Columns"/> (784 for MNIST).</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>All pixels, image after image, each image row-major. Shared, not copied.</summary>
    public byte[] Pixels { get; }

    /// <summary>The <see cref="PixelsPerImage"/> bytes of image <paramref name="index"/>, row-major.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>A view into <see cref="Pixels"/>; nothing is copied.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ReadOnlySpan<byte> GetImage(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an image index in 0..{Count - 1}. Received: index={index}.");
        }

        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>Describes the shape, e.g. <c>IdxImages[8000 × 28×28]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"IdxImages[{Count} × {Rows}×{Columns}]";
}
