namespace NeuralNet.Training;

/// <summary>A copy of a network's values (every parameter, and batch norm's running statistics), to restore later.</summary>
internal sealed class NetworkSnapshot
{
    private NetworkSnapshot(IReadOnlyList<(string Name, double[] Values)> arrays) => Arrays = arrays;

    /// <summary>Named copies, in order: for each layer l, its parameters ("layers[l].W", "layers[l].b" or γ, β), then its running mean and variance.</summary>
    public IReadOnlyList<(string Name, double[] Values)> Arrays { get; }

    public static NetworkSnapshot Capture(Network network)
    {
        var arrays = new List<(string, double[])>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            foreach (var p in layer.Parameters) arrays.Add(($"layers[{l}].{p.Name}", (double[])p.Value.Clone()));
            if (layer is not Layer { BatchNorm: true } dense) continue;
            arrays.Add(($"layers[{l}].runningMean", dense.RunningMean!.ToArray()));
            arrays.Add(($"layers[{l}].runningVariance", dense.RunningVariance!.ToArray()));
        }
        return new NetworkSnapshot(arrays);
    }

    /// <summary>Rebuilds a snapshot read from a checkpoint, checking names and lengths against <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">A name or length does not match (described).</exception>
    public static NetworkSnapshot From(Network network, IReadOnlyList<(string Name, double[] Values)> arrays)
    {
        var expected = Capture(network).Arrays;
        if (arrays.Count != expected.Count)
            throw new ArgumentException($"holds {arrays.Count} arrays, expected {expected.Count}");
        for (int i = 0; i < arrays.Count; i++)
            if (arrays[i].Name != expected[i].Name || arrays[i].Values.Length != expected[i].Values.Length)
                throw new ArgumentException($"array {i} is {arrays[i].Name} with {arrays[i].Values.Length} values, expected {expected[i].Name} with {expected[i].Values.Length}");
        return new NetworkSnapshot(arrays);
    }

    public void Restore(Network network)
    {
        int i = 0;
        foreach (var layer in network.Layers)
        {
            foreach (var p in layer.Parameters) Arrays[i++].Values.CopyTo(p.Value, 0);
            if (layer is not Layer { BatchNorm: true } dense) continue;
            Arrays[i++].Values.CopyTo(dense.RunningMean!.AsArray(), 0);
            Arrays[i++].Values.CopyTo(dense.RunningVariance!.AsArray(), 0);
        }
    }
}
