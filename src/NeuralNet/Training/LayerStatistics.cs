using System.Numerics;
using System.Numerics.Tensors;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Training;

/// <summary>Accumulates one layer's <see cref="LayerReport"/> over the mini-batches of an epoch.</summary>
internal sealed class LayerStatistics(Network network, ILayer layer, int index)
{
    private readonly Layer? _dense = layer as Layer;   // a layer of the user's own: its parameters and returned output only

    private readonly bool[] _active = new bool[layer.OutputSize];
    private double _biasNormSum, _weightNormSum, _sum, _sumOfSquares;
    private long _count, _saturated;
    private int _batches;
    private bool _hasActivations;
    private int _silentUnits = layer.OutputSize;   // units with no non-zero output yet this epoch

    /// <summary>‖∂C/∂b‖₂ (‖∂C/∂β‖₂ with batch norm) and ‖∂C/∂W‖_F of the last backward pass; non-finite if a gradient is.</summary>
    /// <remarks>‖∂C/∂W‖_F of a large layer (W₁) is summed in two fixed halves on both cores (see <see cref="ParallelVector"/>).</remarks>
    public (double Bias, double Weight) GradientNorms()
    {
        if (_dense is { } dense)
            return (TensorPrimitives.Norm<double>((dense.BetaGradient ?? dense.BiasGradient).AsArray()), ParallelVector.Norm(dense.WeightGradient.AsColumnMajorArray()));
        double bias = 0, weight = 0;
        var parameters = layer.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            double squares = TensorPrimitives.SumOfSquares<double>(parameters[i].Gradient);
            if (parameters[i].IsWeight) weight += squares; else bias += squares;
        }
        return (Math.Sqrt(bias), Math.Sqrt(weight));
    }

    public void Reset()
    {
        Array.Clear(_active);
        _silentUnits = _active.Length;
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
    /// <remarks>Runs after every training step, so it is vectorised and skips the dead-unit scan once every unit has fired.</remarks>
    public void AddActivations()
    {
        var output = _dense?.Output ?? network.LastOutput(index);
        if (output?.AsColumnMajorArray() is not { } values) return;
        var a = values.AsSpan();
        _sum += TensorPrimitives.Sum<double>(a);
        _sumOfSquares += TensorPrimitives.SumOfSquares<double>(a);
        if (_dense?.Activation.SaturationBounds is { } b) _saturated += CountOutside(a, b.Lower, b.Upper);
        if (_silentUnits > 0)
        {
            int rows = _active.Length;
            for (int i = 0; i < a.Length; i++)
                if (a[i] != 0 && !_active[i % rows])
                {
                    _active[i % rows] = true;
                    if (--_silentUnits == 0) break;
                }
        }
        _count += a.Length;
        _hasActivations = true;
    }

    /// <summary>How many values lie below <paramref name="lower"/> or above <paramref name="upper"/>.</summary>
    private static long CountOutside(ReadOnlySpan<double> values, double lower, double upper)
    {
        long count = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var (lo, hi) = (new Vector<double>(lower), new Vector<double>(upper));
            var counts = Vector<long>.Zero;
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values.Slice(i));
                counts -= Vector.BitwiseOr(Vector.LessThan(v, lo), Vector.GreaterThan(v, hi));   // true lanes are −1
            }
            count = Vector.Sum(counts);
        }
        for (; i < values.Length; i++)
            if (values[i] < lower || values[i] > upper) count++;
        return count;
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
