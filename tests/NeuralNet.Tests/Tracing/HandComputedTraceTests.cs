using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using static NeuralNet.Tests.Tracing.TraceFixtures;
using NeuralNet.Tracing;

namespace NeuralNet.Tests.Tracing;

/// <summary>
/// A 2-2-1 sigmoid network with fixed weights and one sample, worked by hand (σ(z) = 1/(1 + e^(−z)), quadratic cost
/// C = ½(a − y)²). Each expected number below was computed on paper from the line above it, to 10+ digits.
/// </summary>
public class HandComputedTraceTests
{
    private const double Tolerance = 1e-12;

    private static Network Network221()
    {
        var network = new Network(new Layer(2, 2, new Sigmoid()), new Layer(2, 1, new Sigmoid()));
        network.Dense(0).Weights = M(new[,] { { 0.15, 0.20 }, { 0.25, 0.30 } });
        network.Dense(0).Biases = Vector<double>.Build.DenseOfArray([0.35, 0.35]);
        network.Dense(1).Weights = M(new[,] { { 0.40, 0.45 } });
        network.Dense(1).Biases = Vector<double>.Build.DenseOfArray([0.60]);
        return network;
    }

    private static readonly Matrix<double> X = M(new[,] { { 0.05 }, { 0.10 } });
    private static readonly Matrix<double> Y = M(new[,] { { 0.01 } });

    [Fact]
    public void Forward_MatchesHandComputation()
    {
        var trace = Network221().Trace(X, Y, new MeanSquaredError(), new Sgd(), learningRate: 0.5);
        var (hidden, output) = (trace.Layers[0], trace.Layers[1]);

        // z¹ = W¹·x + b¹:  z¹₁ = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775,  z¹₂ = 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925
        TraceAssert.Close(hidden.WeightedInput, new[,] { { 0.3775 }, { 0.3925 } }, Tolerance);
        // a¹ = σ(z¹) = 1/(1 + e^(−0.3775)), 1/(1 + e^(−0.3925))
        TraceAssert.Close(hidden.Output, new[,] { { 0.593269992107187 }, { 0.596884378259767 } }, Tolerance);
        // z² = 0.40·0.593269992107187 + 0.45·0.596884378259767 + 0.60
        TraceAssert.Close(output.WeightedInput, new[,] { { 1.10590596705977 } }, Tolerance);
        // a² = σ(1.10590596705977)
        TraceAssert.Close(output.Output, new[,] { { 0.751365069552316 } }, Tolerance);
        // C = ½(a² − y)² = ½(0.741365069552316)²
        trace.Cost.ShouldBe(0.274811083176155, Tolerance);
    }

    [Fact]
    public void Backward_MatchesHandComputation()
    {
        var trace = Network221().Trace(X, Y, new MeanSquaredError(), new Sgd(), learningRate: 0.5);
        var (hidden, output) = (trace.Layers[0], trace.Layers[1]);

        // ∇ₐC = a² − y = 0.741365069552316;  σ′(z²) = a²(1 − a²) = 0.186815601808960
        TraceAssert.Close(output.OutputGradient, new[,] { { 0.741365069552316 } }, Tolerance);
        TraceAssert.Close(output.ActivationDerivative!, new[,] { { 0.186815601808960 } }, Tolerance);
        // BP1: δ² = 0.741365069552316 · 0.186815601808960
        TraceAssert.Close(output.Delta, new[,] { { 0.138498561628557 } }, Tolerance);
        // BP3: ∂C/∂b² = δ² (one sample);  BP4: ∂C/∂W² = δ²·(a¹)ᵀ = (0.138498561628557·0.593269992107187, 0.138498561628557·0.596884378259767)
        output.BiasGradient[0].ShouldBe(0.138498561628557, Tolerance);
        TraceAssert.Close(output.WeightGradient, new[,] { { 0.0821670405642308, 0.0826676278475333 } }, Tolerance);

        // BP2: (W²)ᵀδ² = (0.40·δ², 0.45·δ²);  σ′(z¹) = a¹(1 − a¹);  δ¹ = ((W²)ᵀδ²) ⊙ σ′(z¹)
        TraceAssert.Close(hidden.OutputGradient, new[,] { { 0.0553994246514228 }, { 0.0623243527328506 } }, Tolerance);
        TraceAssert.Close(hidden.ActivationDerivative!, new[,] { { 0.241300708572325 }, { 0.240613417249218 } }, Tolerance);
        TraceAssert.Close(hidden.Delta, new[,] { { 0.0133679204228875 }, { 0.0149960754888969 } }, Tolerance);
        // BP3 and BP4 for layer 1: ∂C/∂b¹ = δ¹, ∂C/∂W¹ = δ¹·xᵀ
        TraceAssert.Close(hidden.BiasGradient, Vector<double>.Build.DenseOfArray([0.0133679204228875, 0.0149960754888969]), Tolerance);
        TraceAssert.Close(hidden.WeightGradient, new[,] { { 0.000668396021144373, 0.00133679204228875 }, { 0.000749803774444843, 0.00149960754888969 } }, Tolerance);
    }

    [Fact]
    public void Update_IsMinusLearningRateTimesGradient()
    {
        var trace = Network221().Trace(X, Y, new MeanSquaredError(), new Sgd(), learningRate: 0.5);
        // Sgd: ΔW = −η·∂C/∂W with η = 0.5
        TraceAssert.Close(trace.Layers[1].WeightUpdate, new[,] { { -0.0410835202821154, -0.0413338139237666 } }, Tolerance);
        trace.Layers[1].BiasUpdate[0].ShouldBe(-0.0692492808142785, Tolerance);
        TraceAssert.Close(trace.Layers[0].WeightUpdate, new[,] { { -0.000334198010572187, -0.000668396021144373 }, { -0.000374901887222421, -0.000749803774444843 } }, Tolerance);
    }
}
