using NeuralNet.Internal;

namespace NeuralNet.Tracing;

/// <summary>
/// How <see cref="TraceFormatter"/> prints a <see cref="BackpropTrace"/>. Every value is checked when it is set; an invalid
/// one throws with the expected and the received value.
/// </summary>
/// <example><code>
/// var options = new TraceFormatOptions { SignificantDigits = 4, MaxRows = 16 };
/// </code></example>
public sealed record TraceFormatOptions
{
    private readonly int _significantDigits = 6;
    private readonly int _maxRows = 8;
    private readonly int _maxColumns = 8;

    /// <summary>Significant digits of each printed number, 1 to 17; default 6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 17.</exception>
    public int SignificantDigits
    {
        get => _significantDigits;
        init
        {
            if (value is < 1 or > 17)
                throw new ArgumentOutOfRangeException(nameof(SignificantDigits), value, $"SignificantDigits must be between 1 and 17. Received: SignificantDigits={value}.");
            _significantDigits = value;
        }
    }

    /// <summary>A matrix with more rows (units, or inputs for x) than this is summarised (shape, min, max, mean, ‖·‖) instead of printed; &gt; 0, default 8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int MaxRows { get => _maxRows; init { Guard.Positive(value, nameof(MaxRows)); _maxRows = value; } }

    /// <summary>A matrix with more columns (samples, or inputs for W) than this is summarised instead of printed; &gt; 0, default 8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int MaxColumns { get => _maxColumns; init { Guard.Positive(value, nameof(MaxColumns)); _maxColumns = value; } }

    /// <summary>The defaults: 6 significant digits, tables up to 8 × 8.</summary>
    public static TraceFormatOptions Default { get; } = new();
}
