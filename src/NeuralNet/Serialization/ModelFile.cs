namespace NeuralNet.Serialization;

/// <summary>
/// Saves a <see cref="Network"/> to a readable, versioned JSON file and loads it back, bit for bit.
/// <c>network.Save(…)</c> and <c>Network.Load(…)</c> (<see cref="NetworkFiles"/>) call these.
/// </summary>
/// <remarks>
/// <para><b>The file</b> (format version 2) holds a header (<c>format</c>, <c>formatVersion</c>, <c>libraryVersion</c>,
/// <c>created</c>, optional <c>description</c> and <c>trainingSummary</c>) and one entry per layer: <c>inputs</c>,
/// <c>outputs</c>, <c>activation</c> (<c>name</c> and <c>parameters</c>, see <see cref="ActivationRegistry"/>),
/// <c>batchNorm</c>, <c>dropout</c>, <c>weights</c> (W, n_out × n_in, <b>row by row</b>: entry j·n_in + k is W[j, k], the
/// weight from input k into unit j, so each row is one unit as in the matrix), and either <c>biases</c> (b) or, with
/// batch normalisation, <c>gamma</c>, <c>beta</c>, <c>runningMean</c> and <c>runningVariance</c>. Checkpoints add a
/// <c>training</c> section, which loading a model ignores. Version 2 adds an optional <c>estimator</c> section (the fitted
/// scalers and class labels of a <c>NeuralNet.Estimators.NeuralNetClassifier</c> or <c>NeuralNetRegressor</c>),
/// which loading a plain network ignores; version-1 files, which never have it, still load.</para>
/// <para><b>Exact.</b> Numbers are written in the shortest form that parses back to the same double ("R"), so loading
/// gives bit-identical parameters, subnormals and −0 included. Each array sits on one line; the rest is indented.</para>
/// <para><b>Atomic.</b> The file is written to a temporary file in the same folder, flushed to disk, and renamed over the
/// target, so a crash or a full disk never leaves a half-written model in place of the previous one.</para>
/// <para><b>Validated.</b> Loading checks every field and throws <see cref="InvalidDataException"/> naming the file and the
/// field: unknown format version or activation, missing or wrongly sized arrays, NaN or ±∞, truncated or non-JSON text.
/// Sizes are checked before anything is allocated: a layer whose n_out·n_in exceeds one array, or an array longer than its
/// layer declares, is reported without reading it into memory. A UTF-8 byte-order mark is accepted.</para>
/// <para>Uses System.Text.Json source generation (no reflection), so it works trimmed and with native AOT.</para>
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this library writes (2: adds the optional <c>estimator</c> section).</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest format version this library still reads (1: the same file without the <c>estimator</c> section).</summary>
    public const int OldestFormatVersion = 1;

    /// <summary>Saves the architecture, parameters, batch-norm statistics and <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (named); the existing file is untouched.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names <paramref name="path"/> and why); the existing file is untouched.</exception>
    public static void Save(Network network, string path, ModelInfo? metadata = null) =>
        ModelCodec.Write(path, ModelCodec.ToDocument(network, metadata));

    /// <summary>
    /// Checks that <see cref="Save"/> could write <paramref name="path"/>, before hours of training: the path is not empty,
    /// not a folder, not below a regular file, and its folder exists or can be created and lets a file be created.
    /// Leaves nothing behind (a folder it had to create stays).
    /// </summary>
    /// <exception cref="IOException">The path cannot be written; the message names it and says why.</exception>
    public static void CheckWritable(string path) => AtomicFile.CheckWritable(path);

    /// <summary>Loads a network saved by <see cref="Save"/>: same layers, bit-identical parameters and running statistics.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model; the message names the file and the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IOException">The path is a folder or cannot be read (named).</exception>
    public static Network Load(string path) => Load(path, out _);

    /// <summary>Loads a network and its metadata (description, training summary, format and library version, creation time).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model; the message names the file and the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IOException">The path is a folder or cannot be read (named).</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]   // `out var info` picks this overload, not the obsolete one
    public static Network Load(string path, out ModelInfo metadata) =>
        ModelCodec.ToNetwork(ModelCodec.Read(path), path, out metadata);

    /// <summary>Loads a network and its metadata; the old name of <see cref="Load(string, out ModelInfo)"/>.</summary>
    [Obsolete("Use Load(string, out ModelInfo): ModelMetadata is renamed ModelInfo (it clashed with Microsoft.ML.OnnxRuntime.ModelMetadata) and is removed in the next minor version.")]
    public static Network Load(string path, out ModelMetadata metadata)
    {
        var network = Load(path, out ModelInfo info);
        metadata = ModelMetadata.From(info);
        return network;
    }
}
