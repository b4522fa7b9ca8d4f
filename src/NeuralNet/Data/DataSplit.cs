namespace NeuralNet.Data;

/// <summary>Rows (one per sample) and labels, split into a training and a test part by <see cref="TrainTestSplit"/>.</summary>
/// <param name="TrainRows">The training rows; the arrays are shared with the input, not copied.</param>
/// <param name="TrainLabels">The training labels, TrainLabels[i] belonging to TrainRows[i].</param>
/// <param name="TestRows">The test rows.</param>
/// <param name="TestLabels">The test labels.</param>
public sealed record DataSplit<TLabel>(double[][] TrainRows, TLabel[] TrainLabels, double[][] TestRows, TLabel[] TestLabels);
