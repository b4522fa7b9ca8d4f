using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Internal;
using NeuralNet.Losses;
using NeuralNet.Optimizers;

namespace NeuralNet.Tracing;

/// <summary>
/// Builds a <see cref="BackpropTrace"/>, the implementation behind <c>network.Trace(…)</c>: runs the real training-mode
/// forward and backward pass (<see cref="Network.ForwardBackward"/>, as Backpropagate and the Trainer run it) with a
/// recorder that copies what every layer received and returned, then copies each built-in layer's own caches (Z, A, M,
/// X̂, δ, dU and the gradients). Nothing is recomputed except f′(z), the factor Backward multiplied by, shown element by element.
/// </summary>
internal static class BackpropTracer
{
    /// <summary>Copies, as they happen, every layer's X, Y, dA and dX.</summary>
    private sealed class Recorder(int layers) : IStepRecorder
    {
        public readonly Matrix<double>[] Inputs = new Matrix<double>[layers], Outputs = new Matrix<double>[layers];
        public readonly Matrix<double>?[] OutputGradients = new Matrix<double>?[layers], InputGradients = new Matrix<double>?[layers];

        public void Forwarded(int layer, Matrix<double> input, Matrix<double> output) =>
            (Inputs[layer], Outputs[layer]) = (input.Clone(), output.Clone());

        public void Backwarded(int layer, Matrix<double>? outputGradient, Matrix<double>? inputGradient) =>
            (OutputGradients[layer], InputGradients[layer]) = (outputGradient?.Clone(), inputGradient?.Clone());
    }

    public static BackpropTrace Run(Network network, Matrix<double> inputs, Matrix<double> targets, ILoss loss,
        IOptimizer? optimizer, double learningRate, double weightDecay)
    {
        network.ValidateBatch(inputs, targets);
        ArgumentNullException.ThrowIfNull(loss);
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.NonNegative(weightDecay, nameof(weightDecay));
        optimizer ??= new Sgd();

        var layers = network.Layers;
        int count = layers.Count;
        var recorder = new Recorder(count);
        var traces = new LayerTrace[count];
        double cost;
        using (network.BeginTrainingStep())
        {
            // 1. The real forward and backward pass, recorded.
            cost = network.ForwardBackward(inputs, targets, loss, recorder);

            // 2. The update: the optimizer's own Step on scratch copies of θ and ∂C/∂θ. Its state is keyed by Parameter
            //    object (IOptimizer's contract), so new Parameter objects start from a fresh state and the real ones' is untouched.
            var scratch = network.Parameters
                .Select(p => new Parameter(p.Name, (double[])p.Value.Clone(), (double[])p.Gradient.Clone(), p.IsWeight)).ToArray();
            if (weightDecay > 0)
                foreach (var p in scratch)
                    if (p.IsWeight) TensorPrimitives.MultiplyAdd(p.Value, weightDecay, p.Gradient, p.Gradient); // g ← g + λ·W, as the Trainer does
            optimizer.Step(scratch, learningRate);
            var update = new Dictionary<Parameter, double[]>(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < scratch.Length; i++)
            {
                var delta = new double[scratch[i].Value.Length];
                TensorPrimitives.Subtract(scratch[i].Value, network.Parameters[i].Value, delta);          // Δθ = θ_after − θ_before
                update[network.Parameters[i]] = delta;
            }

            // 3. Each layer's trace, from the recorder and (for a built-in layer) its own caches, still those of this step.
            var context = new Context(loss, optimizer, weightDecay, targets, recorder, update, layers);
            for (int l = count - 1; l >= 0; l--)
                traces[l] = layers[l] is Layer dense ? Dense(context, l, dense) : UserLayer(context, l, layers[l]);
        }

        return new BackpropTrace
        {
            Network = network.ToString(), Loss = loss.Name, Optimizer = optimizer.ToString() ?? optimizer.GetType().Name,
            LearningRate = learningRate, WeightDecay = weightDecay,
            Inputs = inputs.Clone(), Targets = targets.Clone(), Cost = cost, Layers = traces,
        };
    }

    private sealed record Context(ILoss Loss, IOptimizer Optimizer, double WeightDecay, Matrix<double> Targets, Recorder Recorder,
        Dictionary<Parameter, double[]> Update, IReadOnlyList<ILayer> Layers);

    /// <summary>A built-in layer: its caches of the step (Z, A, M, X̂, δ, dU, gradients) and what it received and returned.</summary>
    private static LayerTrace Dense(Context c, int l, Layer layer)
    {
        bool isOutput = l == c.Layers.Count - 1;
        var rec = c.Recorder;
        var x = rec.Inputs[l];
        var z = layer.WeightedInput.Clone();
        var a = layer.Output.Clone();
        var mask = layer.DropoutMask?.Clone();
        var dropped = mask is null ? null : rec.Outputs[l];
        var xHat = layer.NormalizedInput?.Clone();
        var delta = layer.Delta.Clone();
        var dU = layer.ProductGradient?.Clone();
        bool simplified = isOutput && rec.OutputGradients[l] is null;
        var dA = rec.OutputGradients[l];
        if (dA is null)
        {
            dA = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount);
            c.Loss.Gradient(a, c.Targets, dA);                                      // ∇ₐC, per sample: shown next to the shortcut δᴸ = a − y
        }
        Matrix<double>? maskedDA = mask is null ? null : dA.PointwiseMultiply(mask);   // ∂C/∂a ⊙ M, as Backward formed it
        Matrix<double>? derivative = null;
        if (layer.Activation is ElementwiseActivation f)
            derivative = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (r, col) => f.Derivative(z[r, col], a[r, col]));

        var parameters = layer.Parameters;
        var dW = layer.WeightGradient.Clone();
        var db = layer.BiasGradient.Clone();
        var weights = layer.Weights.Clone();
        var biases = layer.Biases.Clone();
        var deltaW = Matrix<double>.Build.Dense(weights.RowCount, weights.ColumnCount, (double[])c.Update[parameters[0]].Clone());
        var deltaB = layer.BatchNorm ? Vector<double>.Build.Dense(biases.Count) : Vector<double>.Build.DenseOfArray(c.Update[parameters[1]]);
        Vector<double>? gamma = layer.Gamma?.Clone(), beta = layer.Beta?.Clone(), dGamma = layer.GammaGradient?.Clone(), dBeta = layer.BetaGradient?.Clone();
        Vector<double>? deltaGamma = layer.BatchNorm ? Vector<double>.Build.DenseOfArray(c.Update[parameters[1]]) : null;
        Vector<double>? deltaBeta = layer.BatchNorm ? Vector<double>.Build.DenseOfArray(c.Update[parameters[2]]) : null;

        var n = new Notation(l + 1);
        string fName = layer.Activation.Name;
        var values = new List<TracedValue> { new(n.W, n.W + " before the step", TraceEquations.Parameter, TraceStage.Forward, weights, false) };
        if (layer.BatchNorm)
        {
            values.Add(new(n.Gamma, n.Gamma + " before the step", TraceEquations.Parameter, TraceStage.Forward, gamma!.ToColumnMatrix(), false));
            values.Add(new(n.Beta, n.Beta + " before the step", TraceEquations.Parameter, TraceStage.Forward, beta!.ToColumnMatrix(), false));
        }
        else
            values.Add(new(n.B, n.B + " before the step", TraceEquations.Parameter, TraceStage.Forward, biases.ToColumnMatrix(), false));
        values.Add(new(n.X, l == 0 ? "x, the network's input" : $"{n.X}, the output of layer {l}{(c.Layers[l - 1] is Layer { Dropout: > 0 } ? " after its dropout mask" : "")}",
            TraceEquations.Given, TraceStage.Forward, x, true));
        if (layer.BatchNorm)
        {
            values.Add(new(n.XHat, $"{n.XHat} = ({n.W}·{n.X} − μ)/√(σ² + ε), μ and σ² of the batch, per unit", TraceEquations.BatchNorm, TraceStage.Forward, xHat!, true));
            values.Add(new(n.Z, $"{n.Z} = {n.Gamma} ⊙ {n.XHat} + {n.Beta}", TraceEquations.WeightedInput, TraceStage.Forward, z, true));
        }
        else
            values.Add(new(n.Z, $"{n.Z} = {n.W}·{n.X} + {n.B}", TraceEquations.WeightedInput, TraceStage.Forward, z, true));
        values.Add(new(n.A, $"{n.A} = {fName}({n.Z})", TraceEquations.Activation, TraceStage.Forward, a, true));
        if (mask is not null)
        {
            values.Add(new($"M{Sup(l + 1)}", $"M{Sup(l + 1)}, the dropout mask: 0 with probability {layer.Dropout.ToString(CultureInfo.InvariantCulture)}, else 1/(1 − p)", TraceEquations.Dropout, TraceStage.Forward, mask, true));
            values.Add(new($"{n.A} ⊙ M{Sup(l + 1)}", $"{n.A} ⊙ M{Sup(l + 1)}, what the layer passes on", TraceEquations.Dropout, TraceStage.Forward, dropped!, true));
        }

        string gradientSymbol;
        if (isOutput)
        {
            gradientSymbol = "∇ₐC";
            values.Add(new("∇ₐC", $"∇ₐC = ∂Cₓ/∂{(mask is null ? n.A : $"({n.A} ⊙ M{Sup(l + 1)})")} per sample ({c.Loss.Name})", TraceEquations.LossGradient, TraceStage.Backward, dA, true));
        }
        else
        {
            (gradientSymbol, string source) = c.Layers[l + 1] switch
            {
                Layer { BatchNorm: true } => ($"(W{Sup(l + 2)})ᵀdU{Sup(l + 2)}", $"(W{Sup(l + 2)})ᵀ·dU{Sup(l + 2)}, layer {l + 2}'s dX, the first factor of BP2"),
                Layer => ($"(W{Sup(l + 2)})ᵀδ{Sup(l + 2)}", $"(W{Sup(l + 2)})ᵀ·δ{Sup(l + 2)}, the first factor of BP2"),
                _ => ($"dX{Sup(l + 2)}", $"dX of layer {l + 2}, what its backward pass returned"),
            };
            values.Add(new(gradientSymbol, $"∂C/∂{(mask is null ? n.A : $"({n.A} ⊙ M{Sup(l + 1)})")} = {source}", TraceEquations.BP2, TraceStage.Backward, dA, true));
        }
        string upstream = isOutput ? "∇ₐC" : $"({gradientSymbol})";
        if (maskedDA is not null)
        {
            values.Add(new($"∂C/∂{n.A}", $"∂C/∂{n.A} = {upstream} ⊙ M{Sup(l + 1)}", TraceEquations.Dropout, TraceStage.Backward, maskedDA, true));
            upstream = $"∂C/∂{n.A}";
        }
        if (derivative is not null)
            values.Add(new($"f′({n.Z})", $"{fName}′({n.Z}), element by element", TraceEquations.Derivative, TraceStage.Backward, derivative, true));
        string deltaFormula = simplified
            ? $"{n.D} = {n.A} − y  (∇ₐC ⊙ f′({n.Z}) simplified for {fName} + {c.Loss.Name})"
            : derivative is not null ? $"{n.D} = {upstream} ⊙ f′({n.Z})" : $"{n.D} = J_f({n.Z})ᵀ·{upstream} per column";
        values.Add(new(n.D, deltaFormula, isOutput ? TraceEquations.BP1 : TraceEquations.BP2, TraceStage.Backward, delta, true));
        if (layer.BatchNorm)
        {
            values.Add(new($"∂C/∂{n.Beta}", $"∂C/∂{n.Beta} = mean of {n.D}'s columns", TraceEquations.BP3, TraceStage.Backward, dBeta!.ToColumnMatrix(), false));
            values.Add(new($"∂C/∂{n.Gamma}", $"∂C/∂{n.Gamma} = mean of ({n.D} ⊙ {n.XHat})'s columns", TraceEquations.GammaGradient, TraceStage.Backward, dGamma!.ToColumnMatrix(), false));
            values.Add(new($"dU{Sup(l + 1)}", $"dU{Sup(l + 1)} = ∂C/∂({n.W}·{n.X}) = {n.Gamma}/√(σ² + ε) ⊙ ({n.D} − ∂C/∂{n.Beta} − {n.XHat} ⊙ ∂C/∂{n.Gamma})", TraceEquations.BatchNorm, TraceStage.Backward, dU!, true));
            values.Add(new($"∂C/∂{n.W}", $"∂C/∂{n.W} = dU{Sup(l + 1)}·{(l == 0 ? "xᵀ" : $"({n.X})ᵀ")} / m", TraceEquations.BP4, TraceStage.Backward, dW, false));
        }
        else
        {
            values.Add(new($"∂C/∂{n.B}", $"∂C/∂{n.B} = mean of {n.D}'s columns", TraceEquations.BP3, TraceStage.Backward, db.ToColumnMatrix(), false));
            values.Add(new($"∂C/∂{n.W}", $"∂C/∂{n.W} = {n.D}·{(l == 0 ? "xᵀ" : $"({n.X})ᵀ")} / m", TraceEquations.BP4, TraceStage.Backward, dW, false));
        }
        values.Add(new($"Δ{n.W}", UpdateFormula(c.Optimizer, "Δ" + n.W, "∂C/∂" + n.W, c.WeightDecay > 0 ? n.W : null), TraceEquations.Update, TraceStage.Update, deltaW, false));
        if (layer.BatchNorm)
        {
            values.Add(new($"Δ{n.Gamma}", UpdateFormula(c.Optimizer, "Δ" + n.Gamma, "∂C/∂" + n.Gamma, null), TraceEquations.Update, TraceStage.Update, deltaGamma!.ToColumnMatrix(), false));
            values.Add(new($"Δ{n.Beta}", UpdateFormula(c.Optimizer, "Δ" + n.Beta, "∂C/∂" + n.Beta, null), TraceEquations.Update, TraceStage.Update, deltaBeta!.ToColumnMatrix(), false));
        }
        else
            values.Add(new($"Δ{n.B}", UpdateFormula(c.Optimizer, "Δ" + n.B, "∂C/∂" + n.B, null), TraceEquations.Update, TraceStage.Update, deltaB.ToColumnMatrix(), false));

        return new LayerTrace
        {
            Index = l, Description = layer.ToString(), IsOutputLayer = isOutput,
            Weights = weights, Biases = biases, Input = x, WeightedInput = z, Output = a,
            DropoutMask = mask, DroppedOutput = dropped, NormalizedInput = xHat, Gamma = gamma, Beta = beta,
            ActivationDerivative = derivative, OutputGradient = dA, UsesSimplifiedOutputDelta = simplified, Delta = delta,
            BiasGradient = db, WeightGradient = dW, GammaGradient = dGamma, BetaGradient = dBeta, ProductGradient = dU,
            InputGradient = rec.InputGradients[l], WeightUpdate = deltaW, BiasUpdate = deltaB, GammaUpdate = deltaGamma, BetaUpdate = deltaBeta,
            Values = values,
        };
    }

    /// <summary>A layer of the user's own: what it received and returned, and its parameters, through <see cref="ILayer"/> only.</summary>
    private static LayerTrace UserLayer(Context c, int l, ILayer layer)
    {
        bool isOutput = l == c.Layers.Count - 1;
        var rec = c.Recorder;
        var (x, y, dA, dX) = (rec.Inputs[l], rec.Outputs[l], rec.OutputGradients[l]!, rec.InputGradients[l]);
        var gradients = LayerGradients.Of(layer);
        var n = new Notation(l + 1);
        string name = layer.GetType().Name;
        var values = new List<TracedValue>();
        foreach (var p in layer.Parameters)
            values.Add(new($"{p.Name}{Sup(l + 1)}", $"{p.Name}{Sup(l + 1)} before the step", TraceEquations.Parameter, TraceStage.Forward, Column(p.Value), false));
        values.Add(new(n.X, l == 0 ? "x, the network's input" : $"{n.X}, the output of layer {l}", TraceEquations.Given, TraceStage.Forward, x, true));
        values.Add(new(n.A, $"{n.A} = {name}.Forward({n.X})", TraceEquations.Layer, TraceStage.Forward, y, true));
        values.Add(isOutput
            ? new("∇ₐC", $"∇ₐC = ∂Cₓ/∂{n.A} per sample ({c.Loss.Name})", TraceEquations.LossGradient, TraceStage.Backward, dA, true)
            : new($"∂C/∂{n.A}", $"∂C/∂{n.A}, what layer {l + 2}'s backward pass returned", TraceEquations.BP2, TraceStage.Backward, dA, true));
        foreach (var p in layer.Parameters)
            values.Add(new($"∂C/∂{p.Name}{Sup(l + 1)}", $"∂C/∂{p.Name}{Sup(l + 1)}, from {name}.Backward", TraceEquations.Layer, TraceStage.Backward, Column(p.Gradient), false));
        if (dX is not null)
            values.Add(new($"dX{Sup(l + 1)}", $"dX{Sup(l + 1)} = ∂C/∂{n.X}, from {name}.Backward", TraceEquations.Layer, TraceStage.Backward, dX, true));
        foreach (var p in layer.Parameters)
            values.Add(new($"Δ{p.Name}{Sup(l + 1)}", UpdateFormula(c.Optimizer, $"Δ{p.Name}{Sup(l + 1)}", $"∂C/∂{p.Name}{Sup(l + 1)}", c.WeightDecay > 0 && p.IsWeight ? p.Name + Sup(l + 1) : null),
                TraceEquations.Update, TraceStage.Update, Column(c.Update[p]), false));

        var weight = layer.Parameters.FirstOrDefault(p => p.IsWeight);
        var bias = layer.Parameters.FirstOrDefault(p => !p.IsWeight);
        return new LayerTrace
        {
            Index = l, Description = layer.ToString() ?? name, IsOutputLayer = isOutput,
            Weights = Shaped(weight?.Value, layer), Biases = Vector<double>.Build.DenseOfArray((double[]?)bias?.Value.Clone() ?? new double[layer.OutputSize]),
            Input = x, WeightedInput = null, Output = y, ActivationDerivative = null, OutputGradient = dA, UsesSimplifiedOutputDelta = false,
            Delta = null, BiasGradient = gradients.BiasGradient, WeightGradient = gradients.WeightGradient, InputGradient = dX,
            WeightUpdate = Shaped(weight is null ? null : c.Update[weight], layer),
            BiasUpdate = Vector<double>.Build.DenseOfArray(bias is null ? new double[layer.OutputSize] : (double[])c.Update[bias].Clone()),
            Values = values,
        };
    }

    private static Matrix<double> Column(double[] values) => Matrix<double>.Build.Dense(values.Length, 1, (double[])values.Clone());

    /// <summary>A weight parameter as n_out × n_in when its length fits (column-major, as <see cref="Parameter"/> says), else one column.</summary>
    private static Matrix<double> Shaped(double[]? values, ILayer layer) =>
        values is null ? Matrix<double>.Build.Dense(0, 0)
        : values.Length == layer.OutputSize * layer.InputSize ? Matrix<double>.Build.Dense(layer.OutputSize, layer.InputSize, (double[])values.Clone())
        : Column(values);

    /// <summary>The first step of the built-in optimizers in closed form, for the printed formula; the numbers always come from the optimizer itself.</summary>
    private static string UpdateFormula(IOptimizer optimizer, string delta, string gradient, string? decayed)
    {
        string g = decayed is null ? gradient : $"({gradient} + λ·{decayed})";
        string name = optimizer.ToString() ?? optimizer.GetType().Name;
        return optimizer switch
        {
            Sgd { Nesterov: true } s => string.Create(CultureInfo.InvariantCulture, $"{delta} = −η·(1 + μ)·{g}, μ = {s.Momentum}: {name}'s first step"),
            Sgd => $"{delta} = −η·{g}: {name}'s first step",
            Adam => $"{delta} = −η·m̂/(√v̂ + ε) ≈ −η·sign({g}): {name}'s first step",
            _ => $"{delta} = θ_after − θ_before: one step of {name} from a fresh state",
        };
    }

    /// <summary>Superscript digits for layer numbers: 12 → "¹²".</summary>
    internal static string Sup(int n) =>
        string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));

    /// <summary>The symbols of layer l in the book's notation.</summary>
    private readonly struct Notation(int l)
    {
        public string W => "W" + Sup(l);
        public string B => "b" + Sup(l);
        public string X => l == 1 ? "x" : "a" + Sup(l - 1);
        public string Z => "z" + Sup(l);
        public string A => "a" + Sup(l);
        public string D => "δ" + Sup(l);
        public string Gamma => "γ" + Sup(l);
        public string Beta => "β" + Sup(l);
        public string XHat => "x̂" + Sup(l);
    }
}
