using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralNet.Serialization;

/// <summary>
/// Writes a double[] on one line (an indented file would give every number its own line) in the shortest form that
/// parses back to the same bits ("R": 0.1, 1E-05, 5E-324, -0), and reads it back with IEEE-exact parsing.
/// </summary>
/// <remarks>
/// Non-finite values cannot be written (the saver rejects them first). On reading, "NaN", "Infinity" and "-Infinity"
/// strings are accepted so that the validation can report them by field and index instead of a generic JSON error.
/// </remarks>
internal sealed class CompactDoubleArrayConverter : JsonConverter<double[]>
{
    public override double[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException($"expected an array of numbers, found {reader.TokenType}");
        var lookahead = reader;                 // count first, then allocate exactly once (no List doubling past the data)
        int length = 0;
        while (lookahead.Read() && lookahead.TokenType != JsonTokenType.EndArray)
        {
            if (lookahead.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) lookahead.Skip();
            length++;
        }
        var values = new double[length];
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            double value = reader.TokenType switch
            {
                JsonTokenType.Number => ParseNumber(ref reader),
                JsonTokenType.String => reader.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    var s => throw new JsonException($"expected a number, found the string \"{s}\" at index {index}"),
                },
                _ => throw new JsonException($"expected a number, found {reader.TokenType} at index {index}"),
            };
            values[index++] = value;
        }
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("the array is not closed");
        return values;
    }

    /// <summary>IEEE-exact parsing of the number's UTF-8 text (keeps −0 and subnormals).</summary>
    private static double ParseNumber(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> text = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public override void Write(Utf8JsonWriter writer, double[] value, JsonSerializerOptions options)
    {
        var text = new StringBuilder(value.Length * 22 + 2).Append('[');
        for (int i = 0; i < value.Length; i++)
        {
            if (!double.IsFinite(value[i]))
                throw new InvalidOperationException($"Cannot write {value[i]} at index {i}: only finite numbers can be saved.");
            if (i > 0) text.Append(", ");
            text.Append(value[i].ToString("R", CultureInfo.InvariantCulture));
        }
        writer.WriteRawValue(text.Append(']').ToString());
    }
}
