using System.Buffers.Binary;
using System.IO.Compression;

namespace NeuralNet.Data;

/// <summary>
/// Reads IDX files, the format of the MNIST distribution, plain or gzip-compressed.
/// </summary>
/// <remarks>
/// <para>Layout (all integers 32-bit big-endian):</para>
/// <list type="bullet">
/// <item><description>Images: magic <c>0x00000803</c> (unsigned bytes, 3 dimensions), count,
/// rows, columns, then count · rows · columns bytes, image after image, each row-major.</description></item>
/// <item><description>Labels: magic <c>0x00000801</c> (unsigned bytes, 1 dimension), count,
/// then count bytes.</description></item>
/// </list>
/// <para>A file is decompressed when it starts with the gzip magic bytes <c>1F 8B</c>, whatever
/// its name. The reader is strict: a file must hold exactly the bytes its header announces.
/// Every problem with the content is an <see cref="InvalidDataException"/> whose message names
/// the file, what was expected and what was found.</para>
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX image file: unsigned bytes (<c>0x08</c>), 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX label file: unsigned bytes (<c>0x08</c>), 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    private const int ImagesHeaderLength = 16;
    private const int LabelsHeaderLength = 8;

    /// <summary>Reads an IDX image file (magic <c>0x00000803</c>), plain or gzip-compressed.</summary>
    /// <param name="path">The file, e.g. <c>data/mnist/train-images-idx3-ubyte.gz</c>.</param>
    /// <returns>The images: count × rows × columns bytes.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>; the message names the full path tried.</exception>
    /// <exception cref="InvalidDataException">Wrong magic number (expected and found, in hex), a
    /// truncated header or data (expected and actual byte counts), trailing bytes, an
    /// impossible dimension, or a corrupt gzip stream.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = Open(path, out string fullPath);
        Span<byte> header = stackalloc byte[ImagesHeaderLength];
        ReadHeader(stream, header, fullPath, "image");
        CheckMagic(header, ImagesMagic, fullPath, "image");

        int count = ReadDimension(header[4..], fullPath, "image", "image count", allowZero: true);
        int rows = ReadDimension(header[8..], fullPath, "image", "row count", allowZero: false);
        int columns = ReadDimension(header[12..], fullPath, "image", "column count", allowZero: false);
        Int128 product = (Int128)count * rows * columns;      // three 31-bit factors: up to 2⁹³, beyond a long
        if (product > Array.MaxLength)
        {
            throw Invalid(fullPath, "image", $"the header announces {count} × {rows} × {columns} = {product} pixel bytes, more than one array can hold ({Array.MaxLength})");
        }

        long length = (long)product;
        byte[] pixels = ReadData(stream, (int)length, ImagesHeaderLength, fullPath, "image", out int read);
        if (read != length)
        {
            throw Invalid(fullPath, "image", $"truncated data: the header announces {count} images of {rows} × {columns} = {length} bytes after the {ImagesHeaderLength}-byte header, found {read}");
        }

        EnsureEnd(stream, fullPath, "image", ImagesHeaderLength + length);
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Reads an IDX label file (magic <c>0x00000801</c>), plain or gzip-compressed, and
    /// checks that every label is in 0 … <paramref name="classCount"/> − 1.</summary>
    /// <param name="path">The file, e.g. <c>data/mnist/train-labels-idx1-ubyte.gz</c>.</param>
    /// <param name="classCount">Number of classes, 1 … 256; 10 for digits.</param>
    /// <returns>One byte per sample, each in 0 … <paramref name="classCount"/> − 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is outside 1 … 256.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>; the message names the full path tried.</exception>
    /// <exception cref="InvalidDataException">Wrong magic number, truncated header or data,
    /// trailing bytes, a corrupt gzip stream, or a label outside the range (the message gives
    /// the first such label's index and value).</exception>
    public static byte[] ReadLabels(string path, int classCount = 10)
    {
        if (classCount is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"Expected a class count in 1..256 (labels are bytes). Received: classCount={classCount}.");
        }

        using Stream stream = Open(path, out string fullPath);
        Span<byte> header = stackalloc byte[LabelsHeaderLength];
        ReadHeader(stream, header, fullPath, "label");
        CheckMagic(header, LabelsMagic, fullPath, "label");

        int count = ReadDimension(header[4..], fullPath, "label", "label count", allowZero: true);
        byte[] labels = ReadData(stream, count, LabelsHeaderLength, fullPath, "label", out int read);
        if (read != count)
        {
            throw Invalid(fullPath, "label", $"truncated data: the header announces {count} labels (bytes) after the {LabelsHeaderLength}-byte header, found {read}");
        }

        EnsureEnd(stream, fullPath, "label", LabelsHeaderLength + (long)count);

        int bad = labels.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)(classCount - 1));
        if (bad >= 0)
        {
            throw Invalid(fullPath, "label", $"label at index {bad} is {labels[bad]}, expected 0–{classCount - 1}");
        }

        return labels;
    }

    /// <summary>Opens <paramref name="path"/>, wrapping it in a decompressor if it starts with 1F 8B.</summary>
    private static Stream Open(string path, out string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"IDX file not found: '{fullPath}'.", fullPath);
        }

        var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (n == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        }

        return file;
    }

    private static void ReadHeader(Stream stream, Span<byte> header, string path, string kind)
    {
        int read = ReadFully(stream, header, path, kind);
        if (read != header.Length)
        {
            throw Invalid(path, kind, $"truncated header: expected {header.Length} bytes, found {read}");
        }
    }

    private static void CheckMagic(ReadOnlySpan<byte> header, int expected, string path, string kind)
    {
        int found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found == expected)
        {
            return;
        }

        string hint = found switch
        {
            ImagesMagic => " (an image file)",
            LabelsMagic => " (a label file)",
            _ => string.Empty,
        };
        throw Invalid(path, kind, $"wrong magic number: expected 0x{expected:X8}, found 0x{found:X8}{hint}");
    }

    private static int ReadDimension(ReadOnlySpan<byte> bytes, string path, string kind, string what, bool allowZero)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (value < 0 || (value == 0 && !allowZero))
        {
            string expected = allowZero ? "0 or more" : "1 or more";
            throw Invalid(path, kind, $"the {what} in the header is {value} (0x{value:X8}), expected {expected}");
        }

        return value;
    }

    /// <summary>
    /// Reads the <paramref name="length"/> data bytes the header announces, allocating no more than the file can hold: a
    /// plain file's length is checked first (a 16-byte file announcing 2 GB is reported as truncated without allocating),
    /// and a compressed stream is read into a buffer that grows only as data arrive. Returns the whole array when
    /// <paramref name="read"/> = <paramref name="length"/>, otherwise the bytes found so far.
    /// </summary>
    private static byte[] ReadData(Stream stream, int length, int headerLength, string path, string kind, out int read)
    {
        if (stream is FileStream file && file.Length - headerLength < length)
        {
            read = (int)Math.Max(0, file.Length - headerLength);
            return [];
        }

        const int FirstChunk = 1 << 20;
        byte[] buffer = GC.AllocateUninitializedArray<byte>(Math.Min(length, FirstChunk));
        read = 0;
        while (true)
        {
            int got = ReadFully(stream, buffer.AsSpan(read), path, kind);
            read += got;
            if (read < buffer.Length || read == length)
            {
                return buffer;
            }

            var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(length, 2L * buffer.Length));   // grows only while data keep coming
            buffer.CopyTo(larger, 0);
            buffer = larger;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static int ReadFully(Stream stream, Span<byte> buffer, string path, string kind)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            throw Invalid(path, kind, $"corrupt gzip stream ({ex.Message})", ex);
        }
    }

    private static void EnsureEnd(Stream stream, string path, string kind, long expectedLength)
    {
        Span<byte> probe = stackalloc byte[1];
        if (ReadFully(stream, probe, path, kind) != 0)
        {
            throw Invalid(path, kind, $"trailing data: the header announces {expectedLength} bytes in total, but the file is longer");
        }
    }

    private static InvalidDataException Invalid(string path, string kind, string problem, Exception? inner = null) =>
        new($"'{path}' is not a valid IDX {kind} file: {problem}.", inner);
}
