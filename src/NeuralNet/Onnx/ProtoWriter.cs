using System.Buffers.Binary;
using System.Text;

namespace NeuralNet.Onnx;

/// <summary>
/// The protocol-buffers wire format, just the part ONNX needs: varints (wire type 0), 32-bit floats (5) and
/// length-delimited bytes, strings and nested messages (2). Each field is a tag, (field number &lt;&lt; 3) | wire type, then its value.
/// </summary>
/// <remarks>
/// Hand-written instead of a Google.Protobuf dependency or protoc-generated code: the exporter writes six small message
/// types and never reads any, so sixty lines keep the library dependency-free and readable (and reflection-free for AOT).
/// ONNX Runtime, which parses the result in the tests, is the check that the encoding is right.
/// </remarks>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    /// <summary>An integer field (int32, int64 or enum), as a varint.</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, 0);
        Varint((ulong)value);
        return this;
    }

    /// <summary>A float field (wire type 5: 4 bytes, little-endian).</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>A UTF-8 string field.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field: length, then the bytes.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>A nested message field: its encoding as bytes.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    /// <summary>7 bits per byte, least significant first, high bit set on every byte but the last.</summary>
    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
