namespace NeuralNet.Training;

/// <summary>
/// What a checkpoint's run was trained with, so that a resumed run can check that it continues the same run: the
/// settings that change the weights, and the size and SHA-256 of the training and validation data.
/// </summary>
internal sealed class RunDocument
{
    public int? Epochs { get; set; }
    public int? BatchSize { get; set; }
    public double? LearningRate { get; set; }
    public double? WeightDecay { get; set; }
    public string? Loss { get; set; }
    public string? Optimizer { get; set; }
    public bool? Shuffle { get; set; }
    public string? Schedule { get; set; }
    public string? Augmentation { get; set; }
    public string? EarlyStopping { get; set; }
    public int? TrainingSamples { get; set; }
    public string? TrainingSha256 { get; set; }
    public int? ValidationSamples { get; set; }
    public string? ValidationSha256 { get; set; }
}
