using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tracing;
using NeuralNet.Training;
using static NeuralNet.Tests.Tracing.TraceFixtures;

namespace NeuralNet.Tests.Tracing;

/// <summary>Network.Trace: its numbers are exactly Backpropagate's gradients and the optimizer's step, and it changes nothing.</summary>
public class BackpropTraceTests
{
    public static TheoryData<string> Cases => new() { "tanh-sigmoid-mse", "sigmoid-bce", "relu-softmax-cce", "sigmoid-identity-mse" };

    private static (Network Network, Matrix<double> X, Matrix<double> Y, ILoss Loss) Case(string name)
    {
        Network network;
        ILoss loss;
        bool oneHot = false;
        switch (name)
        {
            case "tanh-sigmoid-mse":
                network = new Network(new Layer(3, 4, new Tanh()), new Layer(4, 2, new Sigmoid()));
                loss = new MeanSquaredError();
                break;
            case "sigmoid-bce":
                network = new Network(new Layer(3, 5, new Sigmoid()), new Layer(5, 4, new Sigmoid()), new Layer(4, 2, new Sigmoid()));
                loss = new BinaryCrossEntropy();
                break;
            case "relu-softmax-cce":
                network = new Network(new Layer(3, 6, new ReLU()), new Layer(6, 3, new Softmax()));
                loss = new CategoricalCrossEntropy();
                oneHot = true;
                break;
            default:
                network = new Network(new Layer(3, 4, new Sigmoid()), new Layer(4, 2, new Identity()));
                loss = new MeanSquaredError();
                break;
        }
        network.Initialize(seed: 3);
        var (x, y) = Batch(network, m: 5, seed: 11, oneHot);
        return (network, x, y, loss);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Trace_GradientsAndCostEqualBackpropagate(string name)
    {
        var (network, x, y, loss) = Case(name);
        var trace = network.Trace(x, y, loss);
        var expected = Clone(network).Backpropagate(x, y, loss);

        trace.Cost.ShouldBe(expected.Loss);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            trace.Layers[l].WeightGradient.ShouldBe(expected.Layers[l].WeightGradient);   // bit-for-bit, no tolerance
            trace.Layers[l].BiasGradient.ShouldBe(expected.Layers[l].BiasGradient);
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Trace_DeltasSatisfyBP1AndBP2_AndGradientsSatisfyBP3AndBP4(string name)
    {
        // Each recorded number against its own equation, evaluated with plain loops (Naive) on the trace's own numbers.
        var (network, x, y, loss) = Case(name);
        var trace = network.Trace(x, y, loss);
        int m = x.ColumnCount;
        for (int l = 0; l < trace.Layers.Count; l++)
        {
            var t = trace.Layers[l];
            TraceAssert.Close(t.WeightedInput, Naive.AddToColumns(Naive.Multiply(t.Weights, t.Input), t.Biases), 1e-12);  // z = W·x + b
            if (t.ActivationDerivative is { } fPrime)
                TraceAssert.Close(t.Delta, Naive.Hadamard(t.OutputGradient, fPrime), 1e-12);       // δ = ∂C/∂a ⊙ f′(z)   (BP1, BP2)
            if (l < trace.Layers.Count - 1)
            {
                var above = trace.Layers[l + 1];
                TraceAssert.Close(t.OutputGradient, Naive.Multiply(Naive.Transpose(above.Weights), above.Delta!), 1e-12);   // (Wˡ⁺¹)ᵀδˡ⁺¹, BP2's first factor
                t.OutputGradient.ShouldBe(above.InputGradient);                                    // what the layer above returned, recorded
                above.Input.ShouldBe(t.Output);                                                    // and it got this layer's output
            }
            TraceAssert.Close(t.BiasGradient.ToColumnMatrix(), Naive.MeanOfColumns(t.Delta!), 1e-12);                        // BP3
            TraceAssert.Close(t.WeightGradient, Naive.Scale(Naive.Multiply(t.Delta!, Naive.Transpose(t.Input)), 1.0 / m), 1e-12);  // BP4
        }
        trace.Layers[0].Input.ShouldBe(x);
        trace.Layers[0].InputGradient.ShouldBeNull();   // the first layer does not compute dX
        trace.Output.ShouldBe(network.Predict(x));
    }

    public static TheoryData<string, double> Optimizers => new()
    {
        { "sgd", 0 }, { "momentum", 0 }, { "nesterov", 0 }, { "adam", 0 }, { "sgd", 0.01 }, { "adam", 0.1 },
    };

    private static IOptimizer Make(string kind) => kind switch
    {
        "sgd" => new Sgd(),
        "momentum" => new Sgd(momentum: 0.9),
        "nesterov" => new Sgd(momentum: 0.9, nesterov: true),
        _ => new Adam(),
    };

    [Theory, MemberData(nameof(Optimizers))]
    public void Trace_UpdatesEqualTheOptimizersActualFirstStep(string optimizer, double weightDecay)
    {
        var (network, x, y, loss) = Case("tanh-sigmoid-mse");
        var trace = network.Trace(x, y, loss, Make(optimizer), learningRate: 0.3, weightDecay: weightDecay);

        var clone = Clone(network);
        var before = clone.DenseLayers().Select(l => (W: l.Weights.Clone(), b: l.Biases.Clone())).ToArray();
        new Trainer(clone, new TrainerOptions { Loss = loss, Optimizer = Make(optimizer), LearningRate = 0.3, WeightDecay = weightDecay })
            .TrainBatch(x, y);
        for (int l = 0; l < clone.Layers.Count; l++)
        {
            trace.Layers[l].WeightUpdate.ShouldBe(clone.Dense(l).Weights - before[l].W);   // bit-for-bit
            trace.Layers[l].BiasUpdate.ShouldBe(clone.Dense(l).Biases - before[l].b);
        }
    }

    [Fact]
    public void Trace_PlainSgdUpdateIsMinusLearningRateTimesGradient()
    {
        var network = Xor();
        var trace = network.Trace(XorInputs, XorTargets, new MeanSquaredError(), new Sgd(momentum: 0.9), learningRate: 0.5);
        foreach (var t in trace.Layers)
        {
            TraceAssert.Close(t.WeightUpdate, -0.5 * t.WeightGradient, 1e-15);
            TraceAssert.Close(t.BiasUpdate, -0.5 * t.BiasGradient, 1e-15);
        }
    }

    [Fact]
    public void Trace_DoesNotChangeTheNetworksParameters()
    {
        var (network, x, y, loss) = Case("sigmoid-bce");
        var before = Snapshot(network);
        network.Trace(x, y, loss, new Adam(), learningRate: 0.5, weightDecay: 0.1);
        Snapshot(network).ShouldBe(before);
    }

    [Fact]
    public void Trace_DoesNotChangeTheOptimizersStateForTheNetwork()
    {
        var (network, x, y, loss) = Case("tanh-sigmoid-mse");
        var twin = Clone(network);
        var used = new Sgd(momentum: 0.9);
        network.Trace(x, y, loss, used, learningRate: 0.3);   // would leave a velocity behind if it stepped the real parameters

        for (int step = 0; step < 3; step++)
        {
            new Trainer(network, new TrainerOptions { Loss = loss, Optimizer = used, LearningRate = 0.3 }).TrainBatch(x, y);
        }
        var fresh = new Sgd(momentum: 0.9);
        for (int step = 0; step < 3; step++)
            new Trainer(twin, new TrainerOptions { Loss = loss, Optimizer = fresh, LearningRate = 0.3 }).TrainBatch(x, y);
        Snapshot(network).ShouldBe(Snapshot(twin));
    }

    [Fact]
    public void Trace_LabelsEachValueWithItsEquation()
    {
        var trace = Xor().Trace(XorInputs, XorTargets, new MeanSquaredError());
        var hidden = trace.Layers[0];
        var output = trace.Layers[1];

        output[TraceEquations.BP1].Value.ShouldBe(output.Delta);
        output[TraceEquations.BP1].Symbol.ShouldBe("δ²");
        hidden.Values.Single(v => v.Symbol == "δ¹").Equation.ShouldBe(TraceEquations.BP2);
        hidden[TraceEquations.BP3].Value.Column(0).ShouldBe(hidden.BiasGradient);
        hidden[TraceEquations.BP4].Value.ShouldBe(hidden.WeightGradient);
        hidden[TraceEquations.WeightedInput, TraceStage.Forward].Value.ShouldBe(hidden.WeightedInput);
        hidden[TraceEquations.Activation, TraceStage.Forward].Value.ShouldBe(hidden.Output);
        hidden[TraceEquations.Update, TraceStage.Update].Value.ShouldBe(hidden.WeightUpdate);
        output[TraceEquations.LossGradient].Formula.ShouldContain("∇ₐC");
        Should.Throw<KeyNotFoundException>(() => hidden[TraceEquations.BP1]).Message.ShouldContain("BP2");
        output.IsOutputLayer.ShouldBeTrue();
        hidden.IsOutputLayer.ShouldBeFalse();
    }

    [Fact]
    public void Trace_OfSigmoidWithCrossEntropy_UsesDeltaEqualsAMinusY()
    {
        var (network, x, y, loss) = Case("sigmoid-bce");
        var output = network.Trace(x, y, loss).Layers[^1];
        output.UsesSimplifiedOutputDelta.ShouldBeTrue();
        output.Delta.ShouldBe(output.Output - y);
        output[TraceEquations.BP1].Formula.ShouldContain("a³ − y");
        // ∇ₐC ⊙ σ′(z) is the same number up to rounding: the simplification is exact algebra.
        TraceAssert.Close(output.Delta, output.OutputGradient.PointwiseMultiply(output.ActivationDerivative!), 1e-12);
    }

    [Fact]
    public void Trace_OfSoftmax_HasNoElementwiseDerivative()
    {
        var (network, x, y, loss) = Case("relu-softmax-cce");
        var trace = network.Trace(x, y, loss);
        trace.Layers[^1].ActivationDerivative.ShouldBeNull();
        TraceAssert.Close(trace.Layers[^1].Delta, trace.Output - y, 1e-15);
        trace.Layers[0].ActivationDerivative.ShouldNotBeNull();
    }

    [Fact]
    public void Trace_WithTrainerOptions_UsesTheirLossOptimizerAndRates()
    {
        var network = Xor();
        var options = new TrainerOptions { Loss = new BinaryCrossEntropy(), Optimizer = new Adam(), LearningRate = 0.05, WeightDecay = 0.001 };
        var trace = network.Trace(XorInputs, XorTargets, options);
        trace.Loss.ShouldBe("BinaryCrossEntropy");
        trace.Optimizer.ShouldStartWith("Adam");
        trace.LearningRate.ShouldBe(0.05);
        trace.WeightDecay.ShouldBe(0.001);
        trace.BatchSize.ShouldBe(4);
    }

    [Fact]
    public void Trace_RejectsBadArguments()
    {
        var network = Xor();
        Should.Throw<ArgumentException>(() => network.Trace(XorInputs.Transpose(), XorTargets, new MeanSquaredError())).Message.ShouldContain("4×2");
        Should.Throw<ArgumentOutOfRangeException>(() => network.Trace(XorInputs, XorTargets, new MeanSquaredError(), learningRate: 0)).Message.ShouldContain("learningRate=0");
        Should.Throw<ArgumentOutOfRangeException>(() => network.Trace(XorInputs, XorTargets, new MeanSquaredError(), weightDecay: -1));
        Should.Throw<ArgumentNullException>(() => network.Trace(XorInputs, XorTargets, (ILoss)null!));
    }
}
