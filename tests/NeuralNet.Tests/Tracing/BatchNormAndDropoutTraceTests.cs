using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tracing;

namespace NeuralNet.Tests.Tracing;

/// <summary>
/// The trace of a network with batch norm and dropout: every recorded number satisfies its own equation on the trace's own
/// numbers (plain loops), the next layer's input is this layer's output after the mask, and the gradients are Backpropagate's.
/// </summary>
public class BatchNormAndDropoutTraceTests
{
    /// <summary>3→5 ReLU+BN with dropout 0.4 → 5→4 Tanh+BN → 4→2 Sigmoid with dropout 0.3 (the output shortcut does not apply).</summary>
    private static Network Build()
    {
        var network = new Network(new Layer(3, 5, new ReLU(), batchNorm: true, dropout: 0.4), new Layer(5, 4, new Tanh(), batchNorm: true),
            new Layer(4, 2, new Sigmoid(), dropout: 0.3));
        network.Initialize(seed: 5);
        return network;
    }

    private static (Matrix<double> X, Matrix<double> Y) Batch() =>
        (TestData.Uniform(3, 6, seed: 1), TestData.Uniform(2, 6, seed: 2, low: 0, high: 1));

    [Fact]
    public void Trace_OfBatchNormAndDropout_RecordsNumbersThatSatisfyTheirOwnEquations()
    {
        var (x, y) = Batch();
        var network = Build();
        var trace = network.Trace(x, y, new MeanSquaredError(), new Sgd(), learningRate: 0.1);
        int m = x.ColumnCount;
        const double tol = 1e-12;

        for (int l = 0; l < trace.Layers.Count; l++)
        {
            var t = trace.Layers[l];
            var layer = network.Dense(l);
            // what the layer passes on, and what the next layer got
            var passedOn = t.DroppedOutput ?? t.Output;
            if (l + 1 < trace.Layers.Count) trace.Layers[l + 1].Input.ShouldBe(passedOn);
            if (layer.Dropout > 0)
            {
                t.DropoutMask!.Enumerate().ShouldAllBe(v => v == 0 || v == 1 / (1 - layer.Dropout));
                TraceAssert.Close(t.DroppedOutput!, Naive.Hadamard(t.Output, t.DropoutMask!), 0);                // a ⊙ M
            }
            else
            {
                t.DropoutMask.ShouldBeNull();
                t.DroppedOutput.ShouldBeNull();
            }

            // forward: x̂ = (W·x − μ)/√(σ² + ε), z = γ ⊙ x̂ + β (batch norm) or z = W·x + b; a = f(z)
            var u = Naive.Multiply(t.Weights, t.Input);
            Matrix<double> dZ;                                                       // ∂C/∂(W·x): dU with batch norm, δ without
            var delta = t.Delta!;
            if (layer.BatchNorm)
            {
                var mean = Naive.MeanOfColumns(u);
                var variance = Naive.MeanOfColumns(Matrix<double>.Build.Dense(u.RowCount, m, (i, j) => Math.Pow(u[i, j] - mean[i, 0], 2)));
                var inverseStd = Matrix<double>.Build.Dense(u.RowCount, 1, (i, _) => 1 / Math.Sqrt(variance[i, 0] + Layer.BatchNormEpsilon));
                TraceAssert.Close(t.NormalizedInput!, Matrix<double>.Build.Dense(u.RowCount, m, (i, j) => (u[i, j] - mean[i, 0]) * inverseStd[i, 0]), 1e-10);
                TraceAssert.Close(t.WeightedInput!, Matrix<double>.Build.Dense(u.RowCount, m, (i, j) => t.Gamma![i] * t.NormalizedInput![i, j] + t.Beta![i]), tol);
                // backward: ∂C/∂β = mean of δ's columns, ∂C/∂γ = mean of (δ ⊙ x̂)'s columns, dU = γ/√(σ² + ε) ⊙ (δ − ∂C/∂β − x̂ ⊙ ∂C/∂γ)
                TraceAssert.Close(t.BetaGradient!.ToColumnMatrix(), Naive.MeanOfColumns(delta), tol);
                TraceAssert.Close(t.GammaGradient!.ToColumnMatrix(), Naive.MeanOfColumns(Naive.Hadamard(delta, t.NormalizedInput!)), tol);
                dZ = Matrix<double>.Build.Dense(u.RowCount, m, (i, j) =>
                    t.Gamma![i] * inverseStd[i, 0] * (delta[i, j] - t.BetaGradient![i] - t.NormalizedInput![i, j] * t.GammaGradient![i]));
                TraceAssert.Close(t.ProductGradient!, dZ, 1e-10);
                t.BiasGradient.ShouldAllBe(v => v == 0);                             // β replaces b
            }
            else
            {
                TraceAssert.Close(t.WeightedInput!, Naive.AddToColumns(u, t.Biases), tol);
                TraceAssert.Close(t.BiasGradient.ToColumnMatrix(), Naive.MeanOfColumns(delta), tol);                      // BP3
                dZ = delta;
                t.NormalizedInput.ShouldBeNull();
                t.GammaGradient.ShouldBeNull();
            }
            var f = (ElementwiseActivation)layer.Activation;
            TraceAssert.Close(t.Output, t.WeightedInput!.Map(f.Apply), tol);                                              // a = f(z)

            // backward: ∂C/∂a (from above), ⊙ M with dropout, ⊙ f′(z) = δ
            var upstream = t.OutputGradient;
            if (l + 1 < trace.Layers.Count)
            {
                var above = trace.Layers[l + 1];
                var aboveDz = above.ProductGradient ?? above.Delta!;
                TraceAssert.Close(upstream, Naive.Multiply(Naive.Transpose(above.Weights), aboveDz), tol);            // (Wˡ⁺¹)ᵀ·dZˡ⁺¹
                upstream.ShouldBe(above.InputGradient);
            }
            else
            {
                var lossGradient = Matrix<double>.Build.Dense(2, m);
                new MeanSquaredError().Gradient(passedOn, y, lossGradient);                                              // ∇ₐC at a ⊙ M, what the loss saw
                upstream.ShouldBe(lossGradient);
            }
            var dA = t.DropoutMask is { } mask ? Naive.Hadamard(upstream, mask) : upstream;
            TraceAssert.Close(t.ActivationDerivative!, Matrix<double>.Build.Dense(dA.RowCount, m, (i, j) => f.Derivative(t.WeightedInput![i, j], t.Output[i, j])), 0);
            TraceAssert.Close(delta, Naive.Hadamard(dA, t.ActivationDerivative!), tol);                                 // δ = (∂C/∂a ⊙ M) ⊙ f′(z)
            TraceAssert.Close(t.WeightGradient, Naive.Scale(Naive.Multiply(dZ, Naive.Transpose(t.Input)), 1.0 / m), 1e-10);  // ∂C/∂W = dZ·xᵀ/m
            if (l > 0) TraceAssert.Close(t.InputGradient!, Naive.Multiply(Naive.Transpose(t.Weights), dZ), 1e-10);     // dX = Wᵀ·dZ
            t.UsesSimplifiedOutputDelta.ShouldBeFalse();
        }
    }

    [Fact]
    public void Trace_OfBatchNormAndDropout_GivesBackpropagatesGradients()
    {
        var (x, y) = Batch();
        var trace = Build().Trace(x, y, new BinaryCrossEntropy());
        var expected = Build().Backpropagate(x, y, new BinaryCrossEntropy());   // a twin: same weights, same dropout masks

        trace.Cost.ShouldBe(expected.Loss);
        for (int l = 0; l < trace.Layers.Count; l++)
        {
            trace.Layers[l].WeightGradient.ShouldBe(expected.Layers[l].WeightGradient);      // bit for bit
            trace.Layers[l].BiasGradient.ShouldBe(expected.Layers[l].BiasGradient);
            trace.Layers[l].GammaGradient.ShouldBe(expected.Layers[l].GammaGradient);
            trace.Layers[l].BetaGradient.ShouldBe(expected.Layers[l].BetaGradient);
        }
    }

    [Fact]
    public void Trace_OfBatchNormAndDropout_PrintsEveryRecordedValueWithItsEquation()
    {
        var (x, y) = Batch();
        var trace = Build().Trace(x, y, new BinaryCrossEntropy(), new Adam(), learningRate: 0.01);
        var first = trace.Layers[0];

        first[TraceEquations.BatchNorm, TraceStage.Forward].Value.ShouldBe(first.NormalizedInput);
        first[TraceEquations.Dropout, TraceStage.Forward].Value.ShouldBe(first.DropoutMask);
        first[TraceEquations.GammaGradient].Value.Column(0).ShouldBe(first.GammaGradient);
        first[TraceEquations.BP3].Value.Column(0).ShouldBe(first.BetaGradient);
        first[TraceEquations.BatchNorm].Value.ShouldBe(first.ProductGradient);
        first[TraceEquations.BP4].Value.ShouldBe(first.WeightGradient);
        first.Values.Where(v => v.Stage == TraceStage.Update).Select(v => v.Symbol).ShouldBe(["ΔW¹", "Δγ¹", "Δβ¹"]);
        first.GammaUpdate.ShouldNotBeNull();

        string text = trace.ToString();
        foreach (var symbol in new[] { "x̂¹ = (W¹·x − μ)/√(σ² + ε)", "z¹ = γ¹ ⊙ x̂¹ + β¹", "M¹, the dropout mask", "a¹ ⊙ M¹", "∂C/∂γ¹", "dU¹", "∂C/∂a³ = ∇ₐC ⊙ M³", "Δβ²" })
            text.ShouldContain(symbol);
    }

    [Fact]
    public void Trace_OfAHandWrittenLayer_RecordsWhatItReceivedAndReturned()
    {
        var hand = new UserLayerTests.HandWrittenDense(4, 3, new Sigmoid());
        var network = new Network(new Layer(2, 4, new Tanh()), hand, new Layer(3, 1, new Sigmoid()));
        var (x, y) = (TestData.Uniform(2, 5, seed: 3), TestData.Uniform(1, 5, seed: 4, low: 0, high: 1));

        var trace = network.Trace(x, y, new MeanSquaredError());
        var t = trace.Layers[1];

        t.Input.ShouldBe(trace.Layers[0].Output);
        trace.Layers[2].Input.ShouldBe(t.Output);
        t.OutputGradient.ShouldBe(trace.Layers[2].InputGradient);
        trace.Layers[0].OutputGradient.ShouldBe(t.InputGradient);
        t.Delta.ShouldBeNull();
        t.WeightedInput.ShouldBeNull();
        t.WeightGradient.AsColumnMajorArray().ShouldBe(hand.Parameters[0].Gradient);
        t.Values.Select(v => v.Symbol).ShouldContain("∂C/∂W²");
        trace.ToString().ShouldContain("HandWrittenDense.Forward(a¹)");
    }
}
