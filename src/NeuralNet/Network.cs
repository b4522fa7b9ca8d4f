using MathNet.Numerics.LinearAlgebra;
using NeuralNet.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Internal;

namespace NeuralNet;

/// <summary>
/// A feed-forward network: a chain of <see cref="Layer"/>s, aᴸ = fᴸ(Wᴸ · … f¹(W¹·x + b¹) … + bᴸ).
/// </summary>
/// <remarks>
/// <para><b>One column per sample, everywhere.</b> A batch of m inputs is an <see cref="InputSize"/> × m matrix and the
/// outputs are <see cref="OutputSize"/> × m; layer l's weights are n_out × n_in, so z = W·x + b as in Nielsen's book.</para>
/// <para>A new network is initialised deterministically: each layer with the default initialiser for its activation
/// (<see cref="DefaultInitializer"/>), from seed 0. Call <see cref="Initialize(IInitializer, int)"/> to choose.</para>
/// <para><b>Threads.</b> <see cref="Predict(Matrix{double})"/> (every overload) may be called from any number of threads at
/// once: each call works in its own scratch (rented from a small pool) and reads the parameters only, so the answers are
/// bit-identical to single-threaded calls. Training (<see cref="Training.Trainer"/>, <see cref="Backpropagate"/>,
/// <see cref="Diagnostics.GradientChecker"/>, a trace) and <see cref="Initialize(int)"/> change the network and run on one
/// thread at a time: a second thread that starts a training step while one runs gets an <see cref="InvalidOperationException"/>,
/// and so does a <see cref="Predict(Matrix{double})"/> that overlaps a training step (it never returns a mix of old and new
/// weights; predict between or after training calls). Writing into <see cref="Layer.Weights"/> yourself while another
/// thread predicts is not detected.</para>
/// </remarks>
/// <example><code>
/// var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
/// Console.WriteLine(network);   // Network[2→3 Tanh, 3→1 Sigmoid]
/// </code></example>
public sealed class Network
{
    private readonly ILayer[] _layers;
    private readonly Parameter[] _parameters;
    private readonly bool _builtInOnly;                 // every layer is a Layer: Predict needs no lock
    private readonly Lock _predictLock = new();        // serialises Predict through a layer of the user's own
    private readonly InferencePool _inference;         // Predict's scratch, one workspace per concurrent call
    private int _training;                             // 1 while a training step runs (one thread at a time)
    private long _version;                             // odd while a training step runs; +2 per step
    private Matrix<double>? _outputGradient;           // ∇ₐC for an output layer of the user's own
    private readonly Matrix<double>?[] _outputs;       // what each layer returned in the last forward pass

    /// <summary>Chains the given layers, checking that each layer's inputs match the previous layer's outputs, and initialises the built-in ones.</summary>
    /// <param name="layers">The layers from input to output: <see cref="Layer"/>s, or layers of your own (<see cref="ILayer"/>), in any mix.</param>
    /// <exception cref="ArgumentException">No layers, a null layer, the same layer twice, or mismatched sizes (naming both layers).</exception>
    public Network(params ILayer[] layers) : this((IEnumerable<ILayer>)layers) { }

    /// <summary>Chains the given layers; see <see cref="Network(ILayer[])"/>.</summary>
    public Network(IEnumerable<ILayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToArray();
        if (_layers.Length == 0)
            throw new ArgumentException("A network needs at least one layer. Received: 0 layers.", nameof(layers));
        for (int l = 0; l < _layers.Length; l++)
        {
            if (_layers[l] is null)
                throw new ArgumentException($"Layer {l} is null.", nameof(layers));
            if (Array.IndexOf(_layers, _layers[l]) != l)
                throw new ArgumentException($"Layer {l} is the same object as layer {Array.IndexOf(_layers, _layers[l])}; create a new Layer for each position.", nameof(layers));
            if (l > 0 && _layers[l].InputSize != _layers[l - 1].OutputSize)
                throw new ArgumentException(
                    $"Layer {l} ({_layers[l]}) expects {_layers[l].InputSize} inputs but layer {l - 1} ({_layers[l - 1]}) has {_layers[l - 1].OutputSize} outputs.",
                    nameof(layers));
            if (_layers[l].Parameters is null)
                throw new ArgumentException($"Layer {l} ({_layers[l]}) returns null Parameters; return an empty list for a layer without parameters.", nameof(layers));
        }
        _builtInOnly = _layers.All(layer => layer is Layer);
        _outputs = new Matrix<double>?[_layers.Length];
        _inference = new InferencePool(_layers.Select(layer => layer.OutputSize).ToArray());
        _parameters = _layers.SelectMany(layer => layer.Parameters).ToArray();
        Initialize(seed: 0);
    }

    /// <summary>The layers, from input to output. A built-in one is a <see cref="Layer"/> (<c>network.Layers[0] is Layer dense</c>).</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <summary>n_in of the first layer: the number of rows an input matrix must have.</summary>
    public int InputSize => _layers[0].InputSize;

    /// <summary>n_out of the last layer: the number of rows of the output.</summary>
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>Every trainable parameter with its gradient, layer by layer (W¹, b¹, W², b², …; W, γ, β for a batch-normalised layer).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The total number of trainable values.</summary>
    public int ParameterCount => _parameters.Sum(p => p.Value.Length);

    /// <summary>The initialiser a new network uses for a layer with activation f: He-normal for the ReLU family (ReLU, LeakyReLU, ELU), Xavier-uniform otherwise.</summary>
    public static IInitializer DefaultInitializer(IActivation activation) =>
        activation is ReLU or LeakyReLU or Elu ? new HeNormal() : new XavierUniform();

    /// <summary>Re-draws every layer's weights and biases with <paramref name="initializer"/> from one <see cref="Random"/>(<paramref name="seed"/>), layer by layer: the same seed gives the same network.</summary>
    /// <remarks>
    /// Batch-normalised layers then get γ = 1, β = 0, b = 0 and fresh running statistics (<see cref="Layer.ResetBatchNorm"/>);
    /// initialisers never touch γ and β. Finally every layer's dropout generator is reseeded (<see cref="Layer.SeedDropout"/>)
    /// with a seed drawn from the same generator, after all weights, so the same seed also gives the same dropout masks.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="initializer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network.</exception>
    public void Initialize(IInitializer initializer, int seed)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        Initialize(_ => initializer, seed);
    }

    /// <summary>Re-draws every layer with its <see cref="DefaultInitializer"/>, from one <see cref="Random"/>(<paramref name="seed"/>); see <see cref="Initialize(IInitializer, int)"/>.</summary>
    public void Initialize(int seed) => Initialize(layer => DefaultInitializer(layer.Activation), seed);

    private void Initialize(Func<Layer, IInitializer> initializerFor, int seed)
    {
        using var step = BeginTrainingStep();
        var random = new Random(seed);
        foreach (var layer in _layers.OfType<Layer>())      // a layer of the user's own initialises itself
        {
            initializerFor(layer).Initialize(layer.Weights, layer.Biases, random);
            layer.ResetBatchNorm();
        }
        foreach (var layer in _layers.OfType<Layer>())
            layer.SeedDropout(random.Next());
    }

    /// <summary>Feeds a batch forward in inference mode: A = network(X), with batch norm's running statistics and no dropout.</summary>
    /// <remarks>
    /// Safe to call from many threads at once (see the class remarks); a network holding a layer of the user's own
    /// (<see cref="ILayer"/>) serialises the calls with a lock. Allocates only the result once warm: the scratch comes from
    /// a small pool of at most one workspace per core, none kept above 8 MiB.
    /// </remarks>
    /// <param name="inputs">X, <see cref="InputSize"/> × m, one column per sample.</param>
    /// <returns>A new <see cref="OutputSize"/> × m matrix.</returns>
    /// <exception cref="ArgumentException">Wrong number of rows (naming both shapes), or NaN/Infinity in X (naming row and column).</exception>
    /// <exception cref="InvalidOperationException">A training step of this network ran during the call (on another thread).</exception>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RowCount != InputSize)
            Guard.Rows(inputs, InputSize, nameof(inputs), $"network {this}");   // the message is built only on failure
        Guard.Finite(inputs, nameof(inputs));
        long version = Interlocked.Read(ref _version);
        if ((version & 1) != 0) throw Busy("predict while it is being trained");
        Matrix<double> result;
        if (_builtInOnly) result = Infer(inputs);
        else lock (_predictLock) result = Infer(inputs);
        if (Interlocked.Read(ref _version) != version) throw Busy("predict while it is being trained");  // parameters moved under us
        return result;
    }

    /// <summary>The inference pass: each built-in layer's <see cref="Layer.Infer"/> into a rented workspace, the last into the result.</summary>
    private Matrix<double> Infer(Matrix<double> inputs)
    {
        var result = Matrix<double>.Build.Dense(OutputSize, inputs.ColumnCount);
        var workspace = _inference.Rent(inputs.ColumnCount);
        try
        {
            var a = inputs;
            for (int l = 0; l < _layers.Length; l++)
            {
                var output = l == _layers.Length - 1 ? result : workspace.A[l];
                if (_layers[l] is Layer dense)
                    dense.Infer(a, workspace.Z[l], output, workspace.Units);
                else
                    _layers[l].Forward(a, training: false).CopyTo(output);    // under _predictLock
                a = output;
            }
            return result;
        }
        finally
        {
            _inference.Return(workspace);
        }
    }

    /// <summary>
    /// Marks a training step (anything that writes the layers' caches or parameters) for its duration: a second one on
    /// another thread, and a <see cref="Predict(Matrix{double})"/> overlapping it, throw instead of racing. No allocation.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is in a training step of this network.</exception>
    internal TrainingStep BeginTrainingStep()
    {
        if (Interlocked.CompareExchange(ref _training, 1, 0) != 0)
            throw Busy("start a training step while another thread trains it");
        Interlocked.Increment(ref _version);                 // odd: Predict refuses
        return new TrainingStep(this);
    }

    private void EndTrainingStep()
    {
        Interlocked.Increment(ref _version);                 // even again, and different: a Predict that overlapped refuses
        Volatile.Write(ref _training, 0);
    }

    private InvalidOperationException Busy(string what) => new(
        $"Cannot {what}: network {this} is trained by one thread at a time, and Predict may run between training calls but not during one. " +
        "Train on one thread; predict after Train returns (or from a copy loaded with Network.Load).");

    /// <summary>The scope of a training step: <c>using var step = network.BeginTrainingStep();</c>.</summary>
    internal readonly ref struct TrainingStep(Network network)
    {
        public void Dispose() => network.EndTrainingStep();
    }

    /// <summary>Feeds one sample forward.</summary>
    /// <param name="input">x, with <see cref="InputSize"/> entries.</param>
    /// <returns>a, with <see cref="OutputSize"/> entries.</returns>
    public Vector<double> Predict(Vector<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Predict(input.ToColumnMatrix()).Column(0);
    }

    /// <summary>Feeds samples given as one array per sample forward; returns one array per sample.</summary>
    public double[][] Predict(double[][] inputs) => Guard.Rows(Predict(Guard.Columns(inputs, nameof(inputs))));

    /// <summary>Feeds one sample, given as an array, forward.</summary>
    public double[] Predict(double[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Predict(Vector<double>.Build.DenseOfArray(input)).ToArray();
    }

    /// <summary>
    /// Backpropagation on one batch, in training mode: the cost C and ∂C/∂W, ∂C/∂b (∂C/∂γ, ∂C/∂β with batch norm) for every
    /// layer, averaged over the batch. Parameters are not changed; batch-norm running statistics and dropout generators advance as in a training step.
    /// </summary>
    /// <remarks>
    /// Useful at any moment, e.g. right after initialisation to measure each layer's "speed of learning" ‖∂C/∂b‖
    /// as in Nielsen's chapter 5: for a [784, 30, 30, 30, 10] sigmoid network on 1,000 digits the first hidden layer's
    /// gradient is several times smaller than the last's (<see cref="Gradients.Layers"/>[l].BiasGradient.L2Norm()).
    /// </remarks>
    /// <param name="inputs">X, <see cref="InputSize"/> × m.</param>
    /// <param name="targets">Y, <see cref="OutputSize"/> × m.</param>
    /// <param name="loss">The cost function C.</param>
    /// <exception cref="ArgumentException">Mismatched shapes (naming both) or non-finite values (naming row and column).</exception>
    /// <exception cref="InvalidOperationException">Another thread is training the network (one training step at a time).</exception>
    public Gradients Backpropagate(Matrix<double> inputs, Matrix<double> targets, ILoss loss)
    {
        ValidateBatch(inputs, targets);
        ArgumentNullException.ThrowIfNull(loss);
        using var step = BeginTrainingStep();
        double cost = ForwardBackward(inputs, targets, loss);
        return new Gradients(cost, _layers.Select(LayerGradients.Of).ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => $"Network[{string.Join(", ", _layers.Select(l => l.ToString()))}]";

    /// <summary>The layers as built-in <see cref="Layer"/>s, for a feature that needs their W, b, activation and batch norm.</summary>
    /// <exception cref="NotSupportedException">A layer is the user's own <see cref="ILayer"/>; the message names it and <paramref name="feature"/>.</exception>
    internal IReadOnlyList<Layer> BuiltInLayers(string feature)
    {
        if (_builtInOnly) return Array.ConvertAll(_layers, layer => (Layer)layer);
        int l = Array.FindIndex(_layers, layer => layer is not Layer);
        throw new NotSupportedException($"{feature} supports only NeuralNet.Layer; layer {l} of {this} is a {_layers[l].GetType().Name} ({_layers[l]}).");
    }

    /// <summary>What layer <paramref name="l"/> returned in the last forward pass (its A, after dropout for a built-in layer).</summary>
    internal Matrix<double>? LastOutput(int l) => _outputs[l];

    /// <summary>Checks a batch's shapes and values; used by every public entry point that takes inputs and targets.</summary>
    internal void ValidateBatch(Matrix<double> inputs, Matrix<double> targets, string inputsName = "inputs", string targetsName = "targets")
    {
        // the messages name the network, so they are built only on failure (ToString would allocate on every training step)
        ArgumentNullException.ThrowIfNull(inputs, inputsName);
        if (inputs.RowCount != InputSize)
            Guard.Rows(inputs, InputSize, inputsName, $"network {this}");
        ArgumentNullException.ThrowIfNull(targets, targetsName);
        if (targets.RowCount != OutputSize)
            Guard.Rows(targets, OutputSize, targetsName, $"the output layer of network {this}");
        Guard.SameColumns(inputs, targets, inputsName, targetsName);
        Guard.Finite(inputs, inputsName);
        Guard.Finite(targets, targetsName);
    }

    /// <summary>Forward pass through every layer, without checks; returns the last layer's output buffer.</summary>
    /// <remarks>Batch normalisation uses batch statistics and dropout is active only when <paramref name="training"/> is true.</remarks>
    internal Matrix<double> Forward(Matrix<double> inputs, bool training)
    {
        var a = inputs;
        for (int l = 0; l < _layers.Length; l++)
            a = _outputs[l] = _layers[l].Forward(a, training);
        return a;
    }

    /// <summary>
    /// One forward and backward pass without checks: returns C and leaves ∂C/∂W, ∂C/∂b in each layer's gradient buffers.
    /// </summary>
    /// <remarks>The shortcut δᴸ = a − y does not apply when the output layer uses dropout (the loss then sees A ⊙ M).</remarks>
    /// <param name="inputs">X, checked by the caller.</param>
    /// <param name="targets">Y, checked by the caller.</param>
    /// <param name="loss">C.</param>
    /// <param name="recorder">Told what every layer received and returned, as it happens (the tracer); null in training.</param>
    internal double ForwardBackward(Matrix<double> inputs, Matrix<double> targets, ILoss loss, IStepRecorder? recorder = null)
    {
        var a = inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            var x = a;
            a = _outputs[l] = _layers[l].Forward(x, training: true);              // aˡ = fˡ(Wˡ·aˡ⁻¹ + bˡ)
            recorder?.Forwarded(l, x, a);
        }
        double cost = loss.Value(a, targets);

        var last = _layers[^1];
        Matrix<double>? dA;
        if (last is Layer dense && !dense.DropoutApplied && loss.TryOutputDelta(dense.Activation, a, targets, dense.Delta))  // δᴸ = a − y, where it simplifies
        {
            dA = dense.BackwardFromDelta(computeInputGradient: _layers.Length > 1);
            recorder?.Backwarded(_layers.Length - 1, null, dA);
        }
        else
        {
            var gradient = OutputGradientBuffer(last, a);
            loss.Gradient(a, targets, gradient);                                  // ∇ₐC
            dA = last.Backward(gradient, _layers.Length > 1);                     // δᴸ = ∇ₐC ⊙ f′(zᴸ)   (BP1)
            recorder?.Backwarded(_layers.Length - 1, gradient, dA);
        }
        for (int l = _layers.Length - 2; l >= 0; l--)
        {
            var gradient = dA!;
            dA = _layers[l].Backward(gradient, computeInputGradient: l > 0);     // δˡ = (Wˡ⁺¹)ᵀδˡ⁺¹ ⊙ f′(zˡ) (BP2)
            recorder?.Backwarded(l, gradient, dA);
        }
        return cost;
    }

    /// <summary>Where the loss writes ∇ₐC: the built-in layer's own buffer, else one the network keeps for the batch size.</summary>
    private Matrix<double> OutputGradientBuffer(ILayer last, Matrix<double> output)
    {
        if (last is Layer dense) return dense.OutputGradient;
        if (_outputGradient is null || _outputGradient.RowCount != output.RowCount || _outputGradient.ColumnCount != output.ColumnCount)
            _outputGradient = Matrix<double>.Build.Dense(output.RowCount, output.ColumnCount);
        return _outputGradient;
    }
}
