namespace NeuralNet.Serialization;

/// <summary>
/// What a saved model says about itself besides its layers: a free-text description and training summary (yours), and
/// the format version, library version and creation time (written by <see cref="ModelFile.Save"/>).
/// </summary>
/// <example><code>
/// network.Save("model.json", new ModelInfo { Description = "784→256 ReLU→10 softmax", TrainingSummary = "20 epochs, test accuracy 0.9760" });
/// var loaded = Network.Load("model.json", out ModelInfo metadata);   // metadata.Created, metadata.LibraryVersion, …
/// </code></example>
/// <remarks>Named <c>ModelMetadata</c> before version 0.2 (renamed because Microsoft.ML.OnnxRuntime has a <c>ModelMetadata</c>
/// too, so code using both namespaces failed with CS0104); the old name stays, obsolete, for one minor version.</remarks>
public sealed record ModelInfo
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
