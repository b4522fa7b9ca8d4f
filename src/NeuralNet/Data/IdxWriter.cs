using System.Buffers.Binary;
using System.IO.Compression;

namespace NeuralNet.Data;

/// <summary>
/// Writes IDX image and label files in the layout that <see cref="IdxReader"/> reads,
/// optionally gzip-compressed.
/// </summary>
/// <remarks>
/// Images: big-endian magic <c>0x00000803</c>, count, rows, columns, then the pixel bytes.
/// Labels: big-endian magic <c>0x00000801</c>, count, then one byte per label.
/// </remarks>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="images"/> to <paramref name="path"/> as an IDX image file,
    /// replacing any existing file.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="images">The images to write.</param>
    /// <param name="gzip">true to gzip-compress, false to write plain IDX; null (the default)
    /// compresses when <paramref name="path"/> ends with <c>.gz</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    public static void WriteImages(string path, IdxImages images, bool? gzip = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        using Stream stream = Create(path, gzip);
        WriteImages(stream, images);
    }

    /// <summary>Writes <paramref name="images"/> to <paramref name="stream"/> as an uncompressed
    /// IDX image file: a 16-byte header, then <see cref="IdxImages.Pixels"/>.</summary>
    /// <param name="stream">A writable stream; it is left open.</param>
    /// <param name="images">The images to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteImages(Stream stream, IdxImages images)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(images);
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], images.Count);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], images.Rows);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], images.Columns);
        stream.Write(header);
        stream.Write(images.Pixels);
    }

    /// <summary>Writes <paramref name="labels"/> to <paramref name="path"/> as an IDX label file,
    /// replacing any existing file.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="labels">One byte per sample.</param>
    /// <param name="gzip">true to gzip-compress, false to write plain IDX; null (the default)
    /// compresses when <paramref name="path"/> ends with <c>.gz</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels, bool? gzip = null)
    {
        using Stream stream = Create(path, gzip);
        WriteLabels(stream, labels);
    }

    /// <summary>Writes <paramref name="labels"/> to <paramref name="stream"/> as an uncompressed
    /// IDX label file: an 8-byte header, then the labels.</summary>
    /// <param name="stream">A writable stream; it is left open.</param>
    /// <param name="labels">One byte per sample.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static void WriteLabels(Stream stream, ReadOnlySpan<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], labels.Length);
        stream.Write(header);
        stream.Write(labels);
    }

    private static Stream Create(string path, bool? gzip)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        bool compress = gzip ?? path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return compress ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: false) : file;
    }
}
