namespace NeuralNet.Data;

/// <summary>A training set and a test set, as returned by <see cref="MnistSubset.Load()"/>.</summary>
/// <param name="Train">The training samples (8,000 for the repository's subset).</param>
/// <param name="Test">The held-out test samples (2,000 for the repository's subset).</param>
public sealed record MnistSplit(Dataset Train, Dataset Test);
