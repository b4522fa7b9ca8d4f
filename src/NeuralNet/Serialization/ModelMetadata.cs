namespace NeuralNet.Serialization;

/// <summary>
/// What a saved model says about itself besides its layers: a free-text description and training summary (yours), and
/// the format version, library version and creation time (written by <see cref="ModelFile.Save"/>).
/// </summary>
/// <example><code>
/// network.Save("model.json", new ModelMetadata { Description = "784→256 ReLU→10 softmax", TrainingSummary = "20 epochs, test accuracy 0.9760" });
/// var loaded = Network.Load("model.json", out ModelMetadata metadata);   // metadata.Created, metadata.LibraryVersion, …
/// </code></example>
public sealed record ModelMetadata
{
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
