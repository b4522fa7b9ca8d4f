namespace NeuralNet.Preprocessing;

/// <summary>
/// Standardisation, x′ⱼ = (xⱼ − μⱼ) / σⱼ with the training mean μⱼ = (1/n) Σᵢ xᵢⱼ and the population standard deviation
/// σⱼ = √((1/n) Σᵢ (xᵢⱼ − μⱼ)²), as scikit-learn's <c>StandardScaler</c>; a constant feature (σⱼ = 0) gets σⱼ = 1.
/// </summary>
/// <remarks>Why: gradient descent on a layer Z = W·X + b converges fastest when every input has a similar scale, around 0
/// (LeCun et al., "Efficient BackProp", 1998); a feature in the thousands next to one in thousandths makes the cost surface a
/// long narrow valley. The mean and variance are accumulated in two passes (mean first), which stays exact for large
/// offsets where the one-pass Σx² − n·μ² loses every digit.</remarks>
/// <example><code>
/// var scaler = new StandardScaler();
/// double[][] train = scaler.FitTransform(trainRows);   // fitted on the training rows only
/// double[][] test = scaler.Transform(testRows);
/// </code></example>
public sealed class StandardScaler : FeatureScaler
{
    internal const string ScalerName = "standard";

    /// <inheritdoc/>
    public override string Name => ScalerName;

    private protected override (double[] Offset, double[] Scale) Compute(double[][] rows, int features)
    {
        var mean = new double[features];
        var deviation = new double[features];
        foreach (var row in rows)
            for (int j = 0; j < features; j++)
                mean[j] += row[j];
        for (int j = 0; j < features; j++) mean[j] /= rows.Length;
        foreach (var row in rows)
            for (int j = 0; j < features; j++)
            {
                double d = row[j] - mean[j];
                deviation[j] += d * d;
            }
        for (int j = 0; j < features; j++) deviation[j] = Math.Sqrt(deviation[j] / rows.Length);
        return (mean, deviation);
    }
}
