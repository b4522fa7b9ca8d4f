using System.Numerics.Tensors;

namespace NeuralNet.Training;

/// <summary>Accumulates one layer's <see cref="LayerReport"/> over the mini-batches of an epoch.</summary>
internal sealed class LayerStatistics(Layer layer, int index)
{
    private readonly bool[] _active = new bool[layer.OutputSize];
    private double _biasNormSum, _weightNormSum, _sum, _sumOfSquares;
    private long _count, _saturated;
    private int _batches;
    private bool _hasActivations;

    /// <summary>‖∂C/∂b‖₂ (‖∂C/∂β‖₂ with batch norm) and ‖∂C/∂W‖_F of the last backward pass; non-finite if a gradient is.</summary>
    public (double Bias, double Weight) GradientNorms() =>
        (TensorPrimitives.Norm<double>((layer.BetaGradient ?? layer.BiasGradient).AsArray()), TensorPrimitives.Norm<double>(layer.WeightGradient.AsColumnMajorArray()));

    public void Reset()
    {
        Array.Clear(_active);
        _biasNormSum = _weightNormSum = _sum = _sumOfSquares = 0;
        _count = _saturated = 0;
        _batches = 0;
        _hasActivations = false;
    }

    public void AddGradientNorms((double Bias, double Weight) norms)
    {
        _biasNormSum += norms.Bias;
        _weightNormSum += norms.Weight;
        _batches++;
    }

    /// <summary>Adds the layer's current outputs A (n_out × m) to the activation statistics.</summary>
    public void AddActivations()
    {
        var a = layer.Output.AsColumnMajorArray();
        int rows = layer.OutputSize;
        var bounds = layer.Activation.SaturationBounds;
        double sum = 0, squares = 0;
        long saturated = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double v = a[i];
            sum += v;
            squares += v * v;
            if (v != 0) _active[i % rows] = true;
            if (bounds is { } b && (v < b.Lower || v > b.Upper)) saturated++;
        }
        _sum += sum;
        _sumOfSquares += squares;
        _saturated += saturated;
        _count += a.Length;
        _hasActivations = true;
    }

    public LayerReport Report()
    {
        double mean = double.NaN, std = double.NaN, saturated = double.NaN, dead = double.NaN;
        if (_hasActivations)
        {
            mean = _sum / _count;
            std = Math.Sqrt(Math.Max(0, _sumOfSquares / _count - mean * mean));
            saturated = (double)_saturated / _count;
            int deadUnits = 0;
            foreach (bool active in _active) if (!active) deadUnits++;
            dead = (double)deadUnits / _active.Length;
        }
        return new LayerReport(index, _biasNormSum / _batches, _weightNormSum / _batches, mean, std, saturated, dead);
    }
}
