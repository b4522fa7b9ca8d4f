namespace Playground;

/// <summary>
/// What the page draws after an epoch: the numbers the library reported (<see cref="NeuralNet.Training.EpochReport"/>),
/// the weights, and every unit's output over the input plane. Streamed as JSON (camelCase) by <see cref="SnapshotStream"/>.
/// </summary>
/// <param name="Epoch">Epochs trained so far; 0 right after creation or reset.</param>
/// <param name="Playing">Whether the session is training continuously.</param>
/// <param name="TrainLoss">EpochReport.Loss: the mean cost over the epoch's training samples; null at epoch 0.</param>
/// <param name="TestLoss">EpochReport.ValidationLoss: the cost on the test points after the epoch; null at epoch 0.</param>
/// <param name="TestAccuracy">EpochReport.ValidationAccuracy on the test points; null at epoch 0.</param>
/// <param name="Layers">The hidden layers (1 … L) and then the output layer.</param>
/// <param name="Grid">g: the output's values are sampled on a g × g grid over [−<see cref="Extent"/>, <see cref="Extent"/>]².</param>
/// <param name="Extent">Half the side of the input plane shown.</param>
/// <param name="Error">Why training stopped (a diverging run), or null.</param>
public sealed record Snapshot(
    int Epoch,
    bool Playing,
    double? TrainLoss,
    double? TestLoss,
    double? TestAccuracy,
    IReadOnlyList<LayerSnapshot> Layers,
    int Grid,
    double Extent,
    string? Error);

/// <summary>One layer of a <see cref="Snapshot"/>.</summary>
/// <param name="Layer">1 for the first hidden layer; the output layer is the last.</param>
/// <param name="IsOutput">Whether this is the output layer (one sigmoid unit).</param>
/// <param name="Units">n_out.</param>
/// <param name="BatchNorm">Whether the layer normalises its inputs; its bias gradient is then ‖∂C/∂β‖.</param>
/// <param name="BiasGradientNorm">LayerReport.BiasGradientNorm: the epoch's mean ‖∂C/∂b‖₂ (‖∂C/∂β‖₂ with batch norm), the layer's speed of learning; null at epoch 0.</param>
/// <param name="WeightGradientNorm">LayerReport.WeightGradientNorm: the epoch's mean ‖∂C/∂W‖_F; null at epoch 0.</param>
/// <param name="WeightNorm">‖W‖_F after the epoch.</param>
/// <param name="RelativeWeightGradient">‖∂C/∂W‖_F / ‖W‖_F: how fast W moves relative to its size (batch norm makes the scale of W irrelevant, so this compares fairly); null at epoch 0.</param>
/// <param name="SaturatedFraction">LayerReport.SaturatedFraction: share of outputs in the flat region (sigmoid a &lt; 0.05 or &gt; 0.95, tanh |a| &gt; 0.95); null at epoch 0.</param>
/// <param name="DeadFraction">LayerReport.DeadFraction: share of units that output exactly 0 for every sample of the epoch; null at epoch 0.</param>
/// <param name="Weights">W, n_out rows of n_in values (rounded to 4 decimals: drawn, not computed with).</param>
/// <param name="Low">The output value drawn as byte 0 in <paramref name="Heatmaps"/>.</param>
/// <param name="High">The output value drawn as byte 255.</param>
/// <param name="HeatmapSize">h: each unit's heatmap is h × h.</param>
/// <param name="Heatmaps">Base64 of n_out · h · h bytes: unit by unit, row by row from the top (x₂ = +extent), each byte 255·(a − low)/(high − low).</param>
public sealed record LayerSnapshot(
    int Layer,
    bool IsOutput,
    int Units,
    bool BatchNorm,
    double? BiasGradientNorm,
    double? WeightGradientNorm,
    double WeightNorm,
    double? RelativeWeightGradient,
    double? SaturatedFraction,
    double? DeadFraction,
    double[][] Weights,
    double Low,
    double High,
    int HeatmapSize,
    string Heatmaps);
