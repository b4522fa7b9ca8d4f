namespace NeuralNet.Optimizers;

/// <summary>One parameter's optimizer state: its step count t and named buffers (Sgd: "velocity"; Adam: "m", "v").</summary>
/// <param name="Step">Steps taken on this parameter (Adam's t; 0 for Sgd).</param>
/// <param name="Buffers">Named arrays, each as long as the parameter.</param>
public sealed record ParameterState(long Step, IReadOnlyDictionary<string, double[]> Buffers)
{
    /// <summary>The named buffer, checked to be as long as the parameter.</summary>
    internal double[] Buffer(string name, Parameter parameter, int index)
    {
        if (!Buffers.TryGetValue(name, out var values))
            throw new ArgumentException($"The state of parameter {index} ({parameter}) has no \"{name}\" buffer.", "state");
        if (values.Length != parameter.Value.Length)
            throw new ArgumentException($"The \"{name}\" buffer of parameter {index} ({parameter}) has {values.Length} values, expected {parameter.Value.Length}.", "state");
        return values;
    }
}
