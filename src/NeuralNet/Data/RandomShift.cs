using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Internal;

namespace NeuralNet.Data;

/// <summary>
/// Shifts each image of a batch by a random whole number of pixels, dx, dy ∈ {−s, …, s}, filling the uncovered border with 0.
/// A shifted digit is still the same digit, so this multiplies the effective training set at almost no cost
/// (Simard, Steinkraus &amp; Platt 2003 used shifts and elastic distortions to bring MLPs on MNIST below 1 % error).
/// </summary>
/// <remarks>Columns hold images row by row (pixel (r, c) at r·Width + c), as the MNIST IDX files store them.</remarks>
public sealed class RandomShift : IBatchTransform
{
    private double[] _scratch = [];

    /// <summary>Creates the transform.</summary>
    /// <param name="width">Image width in pixels (28 for MNIST).</param>
    /// <param name="height">Image height in pixels (28 for MNIST).</param>
    /// <param name="maxShift">s ≥ 0, the largest shift in either direction; default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or s is negative.</exception>
    public RandomShift(int width = 28, int height = 28, int maxShift = 1)
    {
        Guard.Positive(width, nameof(width));
        Guard.Positive(height, nameof(height));
        if (maxShift < 0)
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, $"maxShift must be ≥ 0. Received: maxShift={maxShift}.");
        Width = width;
        Height = height;
        MaxShift = maxShift;
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>The largest shift s in pixels.</summary>
    public int MaxShift { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The batch does not have Width × Height rows.</exception>
    public void Apply(Matrix<double> inputs, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(random);
        int pixels = Width * Height;
        if (inputs.RowCount != pixels)
            throw new ArgumentException($"inputs is {Guard.Shape(inputs)} but a {Width}×{Height} image needs {pixels} rows.", nameof(inputs));
        if (_scratch.Length != pixels) _scratch = new double[pixels];
        var data = inputs.AsColumnMajorArray() ?? throw new ArgumentException("RandomShift needs a dense matrix.", nameof(inputs));
        for (int j = 0; j < inputs.ColumnCount; j++)
        {
            int dx = random.Next(-MaxShift, MaxShift + 1), dy = random.Next(-MaxShift, MaxShift + 1);
            if (dx == 0 && dy == 0) continue;
            var image = data.AsSpan(j * pixels, pixels);
            image.CopyTo(_scratch);
            image.Clear();
            for (int r = Math.Max(0, dy); r < Math.Min(Height, Height + dy); r++)       // new (r, c) = old (r − dy, c − dx)
            {
                int c0 = Math.Max(0, dx), c1 = Math.Min(Width, Width + dx);
                _scratch.AsSpan((r - dy) * Width + c0 - dx, c1 - c0).CopyTo(image.Slice(r * Width + c0, c1 - c0));
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RandomShift(±{MaxShift} px)");
}
