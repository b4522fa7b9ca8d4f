namespace NeuralNet.Preprocessing;

/// <summary>
/// Min-max scaling to [0, 1], x′ⱼ = (xⱼ − minⱼ) / (maxⱼ − minⱼ) with the training minimum and maximum, as scikit-learn's
/// <c>MinMaxScaler</c>; a constant feature (maxⱼ = minⱼ) gets a range of 1 and maps to 0.
/// </summary>
/// <remarks>Rows outside the training range map outside [0, 1]; nothing is clipped. Prefer it to
/// <see cref="StandardScaler"/> for bounded features such as pixel intensities.</remarks>
/// <example><code>double[][] train = new MinMaxScaler().FitTransform(trainRows);</code></example>
public sealed class MinMaxScaler : FeatureScaler
{
    internal const string ScalerName = "min-max";

    /// <inheritdoc/>
    public override string Name => ScalerName;

    private protected override (double[] Offset, double[] Scale) Compute(double[][] rows, int features)
    {
        var min = (double[])rows[0].Clone();
        var max = (double[])rows[0].Clone();
        foreach (var row in rows)
            for (int j = 0; j < features; j++)
            {
                min[j] = Math.Min(min[j], row[j]);
                max[j] = Math.Max(max[j], row[j]);
            }
        for (int j = 0; j < features; j++) max[j] -= min[j];
        return (min, max);
    }
}
