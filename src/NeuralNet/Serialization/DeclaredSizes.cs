using System.Text.Json;

namespace NeuralNet.Serialization;

/// <summary>
/// A pass over a model file's bytes, before it is deserialised, that compares every array of numbers with the size its
/// layer declares, so that a small file cannot make the reader allocate gigabytes (a 200 MB file of "0," holds 100 million
/// numbers) and an impossible size is reported instead of overflowing. Allocates nothing per number.
/// </summary>
/// <remarks>
/// In <c>layers[l]</c>, <c>inputs</c> and <c>outputs</c> must fit one array (n_out·n_in ≤ <see cref="Array.MaxLength"/>);
/// then <c>weights</c> may hold about n_out·n_in numbers and <c>biases</c>, <c>gamma</c>, <c>beta</c>,
/// <c>runningMean</c>, <c>runningVariance</c> about n_out. Any other array of numbers (a checkpoint's optimizer buffers and
/// best weights) may hold about as many as the largest layer. "About": up to twice the size plus 1,024, so that small
/// mismatches get the full validation's precise message; only arrays beyond that are refused unread. Sizes declared after their arrays are left to the full
/// validation (<see cref="ModelCodec.ToNetwork"/>), which checks every length exactly.
/// </remarks>
internal static class DeclaredSizes
{
    /// <exception cref="InvalidDataException">A size is impossible or an array is longer than declared (naming the field).</exception>
    /// <exception cref="JsonException">The bytes are not JSON.</exception>
    public static void Check(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        bool inLayers = false;
        int layer = -1;
        long inputs = -1, outputs = -1, largest = 0;
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = Name(ref reader);
                    if (reader.CurrentDepth == 1) inLayers = property == "layers";
                    break;
                case JsonTokenType.StartObject when inLayers && reader.CurrentDepth == 2:
                    (layer, inputs, outputs) = (layer + 1, -1, -1);
                    break;
                case JsonTokenType.Number when inLayers && reader.CurrentDepth == 3 && property is "inputs" or "outputs":
                    if (!reader.TryGetInt64(out long size) || size <= 0) break;   // not a positive integer: the full validation names it
                    if (property == "inputs") inputs = size; else outputs = size;
                    if (inputs > 0 && outputs > 0)
                    {
                        long weights = inputs * outputs;     // both < 2⁶³ / 2³¹ after the check below
                        if (inputs > int.MaxValue || outputs > int.MaxValue || weights > Array.MaxLength)
                            throw ModelCodec.Invalid(path, $"layers[{layer}] declares {outputs}×{inputs} = {(Int128)outputs * inputs} weights, more than one array can hold ({Array.MaxLength})");
                        largest = Math.Max(largest, weights);
                    }
                    break;
                case JsonTokenType.StartArray:
                    long count = CountNumbers(ref reader);
                    if (count < 0) break;
                    bool layerArray = inLayers && reader.CurrentDepth == 3;
                    long limit = !layerArray ? (largest > 0 ? largest : long.MaxValue)
                        : property == "weights" ? (inputs > 0 && outputs > 0 ? inputs * outputs : long.MaxValue)
                        : outputs > 0 ? outputs : long.MaxValue;
                    if (count > Slack(limit))
                        throw ModelCodec.Invalid(path, layerArray
                            ? $"layers[{layer}].{property} has {count} values, expected {(property == "weights" ? $"{outputs}×{inputs} = {limit}" : $"{limit}")}"
                            : $"{property} has {count} values, more than the largest layer's {limit}");
                    break;
            }
        }
    }

    private static readonly string[] s_names = ["layers", "inputs", "outputs", "weights", "biases", "gamma", "beta", "runningMean", "runningVariance", "values"];

    /// <summary>The property's name if it is one this pass looks at, else "other" (compared as UTF-8: nothing is decoded or allocated).</summary>
    private static string Name(ref Utf8JsonReader reader)
    {
        foreach (string name in s_names)
            if (reader.ValueTextEquals(name)) return name;
        return "other";
    }

    /// <summary>
    /// Lengths up to 2·limit + 1024 are left to the full validation, whose messages are more precise (e.g. "layers[1].inputs
    /// is 29, expected 30" rather than the weights that follow from it); beyond that the array is not read at all.
    /// </summary>
    private static long Slack(long limit) => limit >= long.MaxValue / 4 ? long.MaxValue : 2 * limit + 1024;

    /// <summary>
    /// At a StartArray: if it holds numbers (or the strings NaN/Infinity), counts them, leaving the reader on its EndArray;
    /// otherwise (an array of objects) returns −1 and leaves the reader where it was, so the scan continues inside.
    /// </summary>
    private static long CountNumbers(ref Utf8JsonReader reader)
    {
        var lookahead = reader;
        if (!lookahead.Read() || lookahead.TokenType is not (JsonTokenType.Number or JsonTokenType.String or JsonTokenType.EndArray))
            return -1;
        long count = 0;
        while (lookahead.TokenType != JsonTokenType.EndArray)
        {
            if (lookahead.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) lookahead.Skip();
            count++;
            if (!lookahead.Read()) throw new JsonException("the file ends inside an array");
        }
        reader = lookahead;
        return count;
    }
}
