namespace NeuralNet.Serialization;

/// <summary>
/// Saves a <see cref="Network"/> to a readable, versioned JSON file and loads it back, bit for bit.
/// <c>network.Save(…)</c> and <c>Network.Load(…)</c> (<see cref="NetworkFiles"/>) call these.
/// </summary>
/// <remarks>
/// <para><b>The file</b> (format version 1) holds a header (<c>format</c>, <c>formatVersion</c>, <c>libraryVersion</c>,
/// <c>created</c>, optional <c>description</c> and <c>trainingSummary</c>) and one entry per layer: <c>inputs</c>,
/// <c>outputs</c>, <c>activation</c> (<c>name</c> and <c>parameters</c>, see <see cref="ActivationRegistry"/>),
/// <c>batchNorm</c>, <c>dropout</c>, <c>weights</c> (W, n_out × n_in, <b>row by row</b>: entry j·n_in + k is W[j, k], the
/// weight from input k into unit j, so each row is one unit as in the matrix), and either <c>biases</c> (b) or, with
/// batch normalisation, <c>gamma</c>, <c>beta</c>, <c>runningMean</c> and <c>runningVariance</c>. Checkpoints add a
/// <c>training</c> section, which loading a model ignores.</para>
/// <para><b>Exact.</b> Numbers are written in the shortest form that parses back to the same double ("R"), so loading
/// gives bit-identical parameters, subnormals and −0 included. Each array sits on one line; the rest is indented.</para>
/// <para><b>Atomic.</b> The file is written to a temporary file in the same folder, flushed to disk, and renamed over the
/// target, so a crash or a full disk never leaves a half-written model in place of the previous one.</para>
/// <para><b>Validated.</b> Loading checks every field and throws <see cref="InvalidDataException"/> naming the file and the
/// field: unknown format version or activation, missing or wrongly sized arrays, NaN or ±∞, truncated or non-JSON text.</para>
/// <para>Uses System.Text.Json source generation (no reflection), so it works trimmed and with native AOT.</para>
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Saves the architecture, parameters, batch-norm statistics and <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (named); the existing file is untouched.</exception>
    /// <exception cref="IOException">The file cannot be written; the existing file is untouched.</exception>
    public static void Save(Network network, string path, ModelMetadata? metadata = null) =>
        ModelCodec.Write(path, ModelCodec.ToDocument(network, metadata));

    /// <summary>Loads a network saved by <see cref="Save"/>: same layers, bit-identical parameters and running statistics.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model; the message names the file and the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Network Load(string path) => Load(path, out _);

    /// <summary>Loads a network and its metadata (description, training summary, format and library version, creation time).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model; the message names the file and the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Network Load(string path, out ModelMetadata metadata) =>
        ModelCodec.ToNetwork(ModelCodec.Read(path), path, out metadata);
}
