namespace NeuralNet.Training;

/// <summary>The outcome of one epoch of training.</summary>
/// <param name="Epoch">1 for the first epoch.</param>
/// <param name="Loss">Mean training cost over the epoch's samples, as measured on each mini-batch before its update.</param>
/// <param name="ValidationLoss">Cost on the validation set after the epoch, or null without one.</param>
/// <param name="ValidationAccuracy">Share of validation samples classified correctly after the epoch (argmax per column; for one output, a ≥ 0.5 against y ≥ 0.5), or null without a validation set or when its targets are not class targets (one-hot columns, or one row of 0s and 1s): a regression has no accuracy.</param>
/// <param name="Elapsed">Wall-clock time of the epoch, validation included.</param>
/// <param name="LearningRate">η used during the epoch.</param>
/// <param name="Layers">Per-layer diagnostics, from the first layer to the output layer.</param>
public sealed record EpochReport(
    int Epoch,
    double Loss,
    double? ValidationLoss,
    double? ValidationAccuracy,
    TimeSpan Elapsed,
    double LearningRate,
    IReadOnlyList<LayerReport> Layers);
