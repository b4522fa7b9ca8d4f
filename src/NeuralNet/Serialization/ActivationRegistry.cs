using System.Collections.Concurrent;
using NeuralNet.Activations;

namespace NeuralNet.Serialization;

/// <summary>
/// Maps the activation names written in saved models (<see cref="IActivation.Name"/>) to factories, so that
/// <see cref="ModelFile.Load(string)"/> can rebuild each layer's activation. The built-in activations are always known.
/// </summary>
/// <remarks>
/// <para>A saved activation is a name and a dictionary of numeric parameters: <c>{"name": "LeakyReLU", "parameters": {"slope": 0.01}}</c>.
/// Built-in parameters: LeakyReLU <c>slope</c>, ELU <c>alpha</c>; the others have none.</para>
/// <para>A network with a custom activation can always be saved (its name is written). To load it, register the name
/// first; without a registration, loading fails with an <see cref="InvalidDataException"/> that names the layer and says so.
/// The registry is process-wide and thread-safe; registering a name again replaces the earlier factory.</para>
/// </remarks>
/// <example><code>
/// ActivationRegistry.Register("Softsign", parameters => new Softsign());
/// var network = Network.Load("softsign-model.json");
/// </code></example>
public static class ActivationRegistry
{
    private sealed record Entry(Func<IReadOnlyDictionary<string, double>, IActivation> Create, Func<IActivation, IReadOnlyDictionary<string, double>>? Describe);

    private static readonly Dictionary<string, double> None = new();

    private static readonly Dictionary<string, Entry> BuiltIns = new(StringComparer.Ordinal)
    {
        ["Sigmoid"] = new(p => { NoParameters(p); return new Sigmoid(); }, null),
        ["Tanh"] = new(p => { NoParameters(p); return new Tanh(); }, null),
        ["ReLU"] = new(p => { NoParameters(p); return new ReLU(); }, null),
        ["Identity"] = new(p => { NoParameters(p); return new Identity(); }, null),
        ["Softplus"] = new(p => { NoParameters(p); return new Softplus(); }, null),
        ["Softmax"] = new(p => { NoParameters(p); return new Softmax(); }, null),
        ["LeakyReLU"] = new(p => new LeakyReLU(Single(p, "slope")), a => new Dictionary<string, double> { ["slope"] = ((LeakyReLU)a).Slope }),
        ["ELU"] = new(p => new Elu(Single(p, "alpha")), a => new Dictionary<string, double> { ["alpha"] = ((Elu)a).Alpha }),
    };

    private static readonly ConcurrentDictionary<string, Entry> Custom = new(StringComparer.Ordinal);

    /// <summary>Registers a custom activation under <paramref name="name"/> (its <see cref="IActivation.Name"/>).</summary>
    /// <param name="name">The name written in saved models.</param>
    /// <param name="create">Builds the activation from the saved parameters (empty if it has none).</param>
    /// <param name="parameters">Reads the parameters to save from an instance; null if it has none.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or the name of a built-in activation.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is null.</exception>
    public static void Register(string name, Func<IReadOnlyDictionary<string, double>, IActivation> create,
        Func<IActivation, IReadOnlyDictionary<string, double>>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        if (BuiltIns.ContainsKey(name))
            throw new ArgumentException($"'{name}' is a built-in activation and cannot be re-registered. Received: name={name}.", nameof(name));
        Custom[name] = new Entry(create, parameters);
    }

    /// <summary>Forgets a custom registration; returns whether there was one.</summary>
    public static bool Unregister(string name) => Custom.TryRemove(name, out _);

    /// <summary>Whether models naming <paramref name="name"/> can be loaded (a built-in or registered activation).</summary>
    public static bool IsRegistered(string name) => BuiltIns.ContainsKey(name) || Custom.ContainsKey(name);

    /// <summary>The names of the built-in activations.</summary>
    public static IReadOnlyCollection<string> BuiltInNames => BuiltIns.Keys;

    /// <summary>The parameters to save for <paramref name="activation"/>: those of a built-in, or of a registered describer; else none.</summary>
    internal static IReadOnlyDictionary<string, double> ParametersOf(IActivation activation)
    {
        var entry = Find(activation.Name);
        if (entry?.Describe is null) return None;
        if (BuiltIns.ContainsKey(activation.Name) && !IsBuiltInType(activation)) return None;   // a custom type that borrowed a built-in name
        return entry.Describe(activation);
    }

    /// <summary>Builds the named activation, or returns null if the name is unknown. Exceptions from the factory propagate.</summary>
    internal static IActivation? Create(string name, IReadOnlyDictionary<string, double> parameters) =>
        Find(name)?.Create(parameters);

    private static Entry? Find(string name) =>
        BuiltIns.TryGetValue(name, out var e) ? e : Custom.TryGetValue(name, out e) ? e : null;

    private static bool IsBuiltInType(IActivation a) => a is Sigmoid or Tanh or ReLU or Identity or Softplus or Softmax or LeakyReLU or Elu;

    private static void NoParameters(IReadOnlyDictionary<string, double> p)
    {
        if (p.Count > 0)
            throw new ArgumentException($"takes no parameters. Received: {string.Join(", ", p.Keys)}.");
    }

    private static double Single(IReadOnlyDictionary<string, double> p, string name)
    {
        if (!p.TryGetValue(name, out double value))
            throw new ArgumentException($"needs the parameter '{name}'. Received: {(p.Count == 0 ? "none" : string.Join(", ", p.Keys))}.");
        if (p.Count > 1)
            throw new ArgumentException($"takes only the parameter '{name}'. Received: {string.Join(", ", p.Keys)}.");
        return value;
    }
}
