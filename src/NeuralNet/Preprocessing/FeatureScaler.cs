using System.Globalization;

namespace NeuralNet.Preprocessing;

/// <summary>
/// An affine per-feature scaling, x′ⱼ = (xⱼ − offsetⱼ) / scaleⱼ, fitted on training rows and then applied unchanged to
/// any rows: <see cref="StandardScaler"/> (offset = mean, scale = standard deviation) or <see cref="MinMaxScaler"/>
/// (offset = minimum, scale = range).
/// </summary>
/// <remarks>
/// <para><b>One row per sample.</b> <see cref="Fit"/>, <see cref="Transform"/> and <see cref="InverseTransform"/> take
/// <c>rows[i][j]</c> = feature j of sample i, as scikit-learn's scalers do (the core's matrices are the transpose).</para>
/// <para><b>Constant features.</b> A feature whose scale would be 0 (every training value equal) gets scale 1, so both scalers map it to
/// 0 instead of dividing by zero; scikit-learn does the same.</para>
/// <para><b>Fit on training data only.</b> Fitting on the test rows as well leaks information about them into the model.
/// The estimators (<c>NeuralNet.Estimators</c>) fit their scaler on the rows given to
/// <c>Fit</c>, save it inside the model file and export it into the ONNX graph as Sub/Div nodes.</para>
/// <para><b>Threads.</b> After <see cref="Fit"/>, <see cref="Transform"/> and <see cref="InverseTransform"/> only read the
/// scaler and may be called from several threads at once; <see cref="Fit"/> itself must not run concurrently with them.</para>
/// </remarks>
public abstract class FeatureScaler
{
    private double[]? _offset, _scale;

    /// <summary>The name written to model files: <c>"standard"</c> or <c>"min-max"</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True once <see cref="Fit"/> (or loading) has set <see cref="Offset"/> and <see cref="Scale"/>.</summary>
    public bool IsFitted => _offset is not null;

    /// <summary>offsetⱼ, one per feature, subtracted first.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public IReadOnlyList<double> Offset => _offset ?? throw NotFitted();

    /// <summary>scaleⱼ &gt; 0, one per feature, divided by second (1 for a constant feature).</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public IReadOnlyList<double> Scale => _scale ?? throw NotFitted();

    /// <summary>The number of features the scaler was fitted on.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public int FeatureCount => Offset.Count;

    /// <summary>Learns offset and scale of every feature from <paramref name="rows"/> (one row per sample, at least one row); returns this scaler.</summary>
    /// <exception cref="ArgumentException">No rows, ragged rows (naming the row and both lengths), or a NaN/±∞ value (naming its row and column).</exception>
    public FeatureScaler Fit(double[][] rows)
    {
        int features = RowGuard.Rectangular(rows, nameof(rows));
        var (offset, scale) = Compute(rows, features);
        for (int j = 0; j < features; j++)
            if (!(scale[j] > 0) || !double.IsFinite(scale[j]))
                scale[j] = 1.0;              // a constant feature: keep it, centred, instead of dividing by 0
        (_offset, _scale) = (offset, scale);
        return this;
    }

    /// <summary>x′ᵢⱼ = (xᵢⱼ − offsetⱼ) / scaleⱼ for every row; returns new arrays.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">A row has another number of features than the scaler was fitted on (naming both).</exception>
    public double[][] Transform(double[][] rows) => Apply(rows, inverse: false);

    /// <summary>xᵢⱼ = x′ᵢⱼ · scaleⱼ + offsetⱼ for every row, undoing <see cref="Transform"/>; returns new arrays.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">A row has another number of features than the scaler was fitted on (naming both).</exception>
    public double[][] InverseTransform(double[][] rows) => Apply(rows, inverse: true);

    /// <summary>Fits on <paramref name="rows"/> and transforms them.</summary>
    public double[][] FitTransform(double[][] rows) => Fit(rows).Transform(rows);

    /// <summary>Offset and (possibly zero) scale of every feature; the caller replaces a zero scale by 1.</summary>
    private protected abstract (double[] Offset, double[] Scale) Compute(double[][] rows, int features);

    /// <summary>Sets fitted values read from a model file (already validated: equal lengths, finite, scale &gt; 0).</summary>
    internal void Restore(double[] offset, double[] scale) => (_offset, _scale) = ((double[])offset.Clone(), (double[])scale.Clone());

    /// <summary>The scaler named <paramref name="name"/> (see <see cref="Name"/>), or null for an unknown name.</summary>
    internal static FeatureScaler? Create(string name) => name switch
    {
        StandardScaler.ScalerName => new StandardScaler(),
        MinMaxScaler.ScalerName => new MinMaxScaler(),
        _ => null,
    };

    private double[][] Apply(double[][] rows, bool inverse)
    {
        var offset = _offset ?? throw NotFitted();
        var scale = _scale!;
        ArgumentNullException.ThrowIfNull(rows);
        var result = new double[rows.Length][];
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"rows[{i}] is null.", nameof(rows));
            if (row.Length != offset.Length)
                throw new ArgumentException(
                    $"rows[{i}] has {row.Length} features, but the scaler was fitted on {offset.Length} (one row per sample, one value per feature).", nameof(rows));
            var scaled = new double[row.Length];
            for (int j = 0; j < row.Length; j++)
                scaled[j] = inverse ? row[j] * scale[j] + offset[j] : (row[j] - offset[j]) / scale[j];
            result[i] = scaled;
        }
        return result;
    }

    private InvalidOperationException NotFitted() => new($"This {GetType().Name} is not fitted yet: call Fit(rows) first.");

    /// <inheritdoc/>
    public override string ToString() =>
        IsFitted ? string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}[{FeatureCount} features]") : $"{GetType().Name}[not fitted]";
}
