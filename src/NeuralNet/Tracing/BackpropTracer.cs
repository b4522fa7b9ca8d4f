using System.Globalization;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;

namespace NeuralNet.Tracing;

/// <summary>Builds a <see cref="BackpropTrace"/>: the implementation behind <see cref="Network.Trace(Matrix{double}, Matrix{double}, ILoss, IOptimizer?, double, double)"/>.</summary>
internal static class BackpropTracer
{
    public static BackpropTrace Run(Network network, Matrix<double> inputs, Matrix<double> targets, ILoss loss,
        IOptimizer? optimizer, double learningRate, double weightDecay)
    {
        network.ValidateBatch(inputs, targets);
        ArgumentNullException.ThrowIfNull(loss);
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.NonNegative(weightDecay, nameof(weightDecay));
        optimizer ??= new Sgd();

        // 1. The real forward and backward pass, exactly as Backpropagate and the Trainer run it.
        using var step = network.BeginTrainingStep();
        double cost = network.ForwardBackward(inputs, targets, loss);
        var layers = network.BuiltInLayers("Tracing");
        int count = layers.Count;

        // 2. The update: the optimizer's own Step on scratch copies of θ and ∂C/∂θ. Its state is keyed by Parameter
        //    object (IOptimizer's contract), so new Parameter objects start from a fresh state and the real ones' is untouched.
        var scratch = network.Parameters
            .Select(p => new Parameter(p.Name, (double[])p.Value.Clone(), (double[])p.Gradient.Clone(), p.IsWeight)).ToArray();
        if (weightDecay > 0)
            foreach (var p in scratch)
                if (p.IsWeight) TensorPrimitives.MultiplyAdd(p.Value, weightDecay, p.Gradient, p.Gradient); // g ← g + λ·W, as the Trainer does
        optimizer.Step(scratch, learningRate);
        var after = new Dictionary<double[], double[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < scratch.Length; i++) after[network.Parameters[i].Value] = scratch[i].Value;

        // 3. Read every layer's cached values (copies), from the output down, as the backward pass ran.
        var traces = new LayerTrace[count];
        for (int l = count - 1; l >= 0; l--)
        {
            var layer = layers[l];
            bool isOutput = l == count - 1;
            var x = l == 0 ? inputs.Clone() : layers[l - 1].Output.Clone();
            var z = layer.WeightedInput.Clone();
            var a = layer.Output.Clone();
            var delta = layer.Delta.Clone();

            Matrix<double> dA;
            bool simplified = false;
            if (isOutput)
            {
                dA = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount);
                loss.Gradient(a, targets, dA);                                          // ∇ₐC, per sample
                simplified = loss.TryOutputDelta(layer.Activation, a, targets, Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount));
            }
            else
            {
                var above = layers[l + 1];
                dA = Matrix<double>.Build.Dense(layer.OutputSize, a.ColumnCount);
                above.Weights.TransposeThisAndMultiply(above.Delta, dA);                // (Wˡ⁺¹)ᵀ·δˡ⁺¹, the same call as Layer.Backward
            }

            Matrix<double>? derivative = null;
            if (layer.Activation is ElementwiseActivation f)
                derivative = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (r, c) => f.Derivative(z[r, c], a[r, c]));

            var dW = layer.WeightGradient.Clone();
            var db = layer.BiasGradient.Clone();
            var weights = layer.Weights.Clone();
            var biases = layer.Biases.Clone();
            var wAfter = after[layer.Weights.AsColumnMajorArray()];
            var bAfter = after[layer.Biases.AsArray()];
            var deltaW = Matrix<double>.Build.Dense(weights.RowCount, weights.ColumnCount);
            TensorPrimitives.Subtract(wAfter, weights.AsColumnMajorArray(), deltaW.AsColumnMajorArray());
            var deltaB = Vector<double>.Build.Dense(biases.Count);
            TensorPrimitives.Subtract(bAfter, biases.AsArray(), deltaB.AsArray());

            var n = new Notation(l + 1);
            var values = new List<TracedValue>
            {
                new(n.W, n.W + " before the step", TraceEquations.Parameter, TraceStage.Forward, weights, false),
                new(n.B, n.B + " before the step", TraceEquations.Parameter, TraceStage.Forward, biases.ToColumnMatrix(), false),
                new(n.X, l == 0 ? "x, the network's input" : $"{n.X}, the output of layer {l}", TraceEquations.Given, TraceStage.Forward, x, true),
                new(n.Z, $"{n.Z} = {n.W}·{n.X} + {n.B}", TraceEquations.WeightedInput, TraceStage.Forward, z, true),
                new(n.A, $"{n.A} = {layer.Activation.Name}({n.Z})", TraceEquations.Activation, TraceStage.Forward, a, true),
                isOutput
                    ? new("∇ₐC", $"∇ₐC = ∂Cₓ/∂{n.A} per sample ({loss.Name})", TraceEquations.LossGradient, TraceStage.Backward, dA, true)
                    : new($"(W{Sup(l + 2)})ᵀδ{Sup(l + 2)}", $"∂C/∂{n.A} = (W{Sup(l + 2)})ᵀ·δ{Sup(l + 2)}, the first factor of BP2", TraceEquations.BP2, TraceStage.Backward, dA, true),
            };
            if (derivative is not null)
                values.Add(new($"f′({n.Z})", $"{layer.Activation.Name}′({n.Z}), element by element", TraceEquations.Derivative, TraceStage.Backward, derivative, true));
            string deltaFormula = isOutput
                ? simplified ? $"{n.D} = {n.A} − y  (∇ₐC ⊙ f′({n.Z}) simplified for {layer.Activation.Name} + {loss.Name})"
                  : derivative is not null ? $"{n.D} = ∇ₐC ⊙ f′({n.Z})" : $"{n.D} = J_f({n.Z})ᵀ·∇ₐC per column"
                : derivative is not null ? $"{n.D} = ((W{Sup(l + 2)})ᵀδ{Sup(l + 2)}) ⊙ f′({n.Z})" : $"{n.D} = J_f({n.Z})ᵀ·((W{Sup(l + 2)})ᵀδ{Sup(l + 2)}) per column";
            values.Add(new(n.D, deltaFormula, isOutput ? TraceEquations.BP1 : TraceEquations.BP2, TraceStage.Backward, delta, true));
            values.Add(new($"∂C/∂{n.B}", $"∂C/∂{n.B} = mean of {n.D}'s columns", TraceEquations.BP3, TraceStage.Backward, db.ToColumnMatrix(), false));
            values.Add(new($"∂C/∂{n.W}", $"∂C/∂{n.W} = {n.D}·{(l == 0 ? "xᵀ" : $"({n.X})ᵀ")} / m", TraceEquations.BP4, TraceStage.Backward, dW, false));
            values.Add(new($"Δ{n.W}", UpdateFormula(optimizer, "Δ" + n.W, "∂C/∂" + n.W, weightDecay > 0 ? n.W : null), TraceEquations.Update, TraceStage.Update, deltaW, false));
            values.Add(new($"Δ{n.B}", UpdateFormula(optimizer, "Δ" + n.B, "∂C/∂" + n.B, null), TraceEquations.Update, TraceStage.Update, deltaB.ToColumnMatrix(), false));

            traces[l] = new LayerTrace
            {
                Index = l, Description = layer.ToString(), IsOutputLayer = isOutput,
                Weights = weights, Biases = biases, Input = x, WeightedInput = z, Output = a,
                ActivationDerivative = derivative, OutputGradient = dA, UsesSimplifiedOutputDelta = simplified, Delta = delta,
                BiasGradient = db, WeightGradient = dW, WeightUpdate = deltaW, BiasUpdate = deltaB, Values = values,
            };
        }

        return new BackpropTrace
        {
            Network = network.ToString(), Loss = loss.Name, Optimizer = optimizer.ToString() ?? optimizer.GetType().Name,
            LearningRate = learningRate, WeightDecay = weightDecay,
            Inputs = inputs.Clone(), Targets = targets.Clone(), Cost = cost, Layers = traces,
        };
    }

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
    }
}
