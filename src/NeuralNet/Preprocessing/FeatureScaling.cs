namespace NeuralNet.Preprocessing;

/// <summary>Which <see cref="FeatureScaler"/> an estimator fits on its training rows.</summary>
public enum FeatureScaling
{
    /// <summary>No scaling: the rows reach the network as given.</summary>
    None,

    /// <summary><see cref="StandardScaler"/>: (x − μ) / σ per feature (the default).</summary>
    Standard,

    /// <summary><see cref="MinMaxScaler"/>: (x − min) / (max − min) per feature.</summary>
    MinMax,
}
