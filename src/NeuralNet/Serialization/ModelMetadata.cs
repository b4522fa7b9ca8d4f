namespace NeuralNet.Serialization;

/// <summary>
/// Obsolete: renamed <see cref="ModelInfo"/> (this name clashed with Microsoft.ML.OnnxRuntime.ModelMetadata, CS0104).
/// What a saved model says about itself besides its layers: a free-text description and training summary (yours), and
/// the format version, library version and creation time (written by <see cref="ModelFile.Save"/>).
/// </summary>
/// <example><code>
/// network.Save("model.json", new ModelMetadata { Description = "784→256 ReLU→10 softmax", TrainingSummary = "20 epochs, test accuracy 0.9760" });
/// var loaded = Network.Load("model.json", out ModelMetadata metadata);   // metadata.Created, metadata.LibraryVersion, …
/// </code></example>
[Obsolete("Renamed ModelInfo (this name clashed with Microsoft.ML.OnnxRuntime.ModelMetadata); ModelMetadata is removed in the next minor version.")]
public sealed record ModelMetadata
{
    /// <summary>The same values as a <see cref="ModelInfo"/>, so that <c>network.Save(path, new ModelMetadata { … })</c> keeps compiling.</summary>
    public static implicit operator ModelInfo?(ModelMetadata? metadata) => metadata is null ? null : new ModelInfo
    {
        Description = metadata.Description,
        TrainingSummary = metadata.TrainingSummary,
        FormatVersion = metadata.FormatVersion,
        LibraryVersion = metadata.LibraryVersion,
        Created = metadata.Created,
    };

    /// <summary>The same values as <paramref name="info"/>.</summary>
    public static ModelMetadata From(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new ModelMetadata
        {
            Description = info.Description,
            TrainingSummary = info.TrainingSummary,
            FormatVersion = info.FormatVersion,
            LibraryVersion = info.LibraryVersion,
            Created = info.Created,
        };
    }

    /// <summary>Optional free text: what the model is for.</summary>
    public string? Description { get; init; }

    /// <summary>Optional free text: how it was trained and how well it did.</summary>
    public string? TrainingSummary { get; init; }

    /// <summary>The file's format version (<see cref="ModelFile.FormatVersion"/> when written). Ignored by <see cref="ModelFile.Save"/>.</summary>
    public int FormatVersion { get; init; }

    /// <summary>The version of the NeuralNet library that wrote the file. Ignored by <see cref="ModelFile.Save"/>, which writes its own.</summary>
    public string? LibraryVersion { get; init; }

    /// <summary>When the file was written (UTC). Ignored by <see cref="ModelFile.Save"/>, which writes the current time.</summary>
    public DateTimeOffset? Created { get; init; }
}
