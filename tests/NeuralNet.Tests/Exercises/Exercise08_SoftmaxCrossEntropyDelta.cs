using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Tests.Tracing;
using NeuralNet.Tracing;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 8 (intermediate): with aⱼ = e^(zⱼ)/Σₖ e^(zₖ) and Cₓ = −Σⱼ yⱼ ln aⱼ (one-hot y), show δ = ∂C/∂z = a − y.
/// Derivation: ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ), ∂C/∂aᵢ = −yᵢ/aᵢ, so δⱼ = Σᵢ (−yᵢ/aᵢ)·aᵢ(δᵢⱼ − aⱼ) = −yⱼ + aⱼ·Σᵢ yᵢ = aⱼ − yⱼ.
/// </summary>
public class Exercise08_SoftmaxCrossEntropyDelta
{
    [Fact]
    public void JacobianProductOfTheLossGradient_EqualsAMinusY()
    {
        var random = new Random(8);
        var z = Matrix<double>.Build.Dense(4, 6, (_, _) => 4 * random.NextDouble() - 2);
        var y = Matrix<double>.Build.Dense(4, 6, (i, j) => i == j % 4 ? 1 : 0);
        var softmax = new Softmax();
        var a = Matrix<double>.Build.Dense(4, 6);
        softmax.Forward(z, a);

        var dA = Matrix<double>.Build.Dense(4, 6);
        new CategoricalCrossEntropy().Gradient(a, y, dA);          // ∇ₐC = −y/a
        var delta = Matrix<double>.Build.Dense(4, 6);
        softmax.Backward(z, a, dA, delta);                          // BP1 as written: J_softmax(z)ᵀ·∇ₐC

        TraceAssert.Close(delta, a - y, 1e-12);
    }

    [Fact]
    public void Network_UsesTheSimplifiedDelta_ForSoftmaxWithCrossEntropy()
    {
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 2, new Softmax()));
        network.Initialize(seed: 8);
        var y = ExerciseData.M(new double[,] { { 1, 0, 0, 1 }, { 0, 1, 1, 0 } });
        var output = network.Trace(ExerciseData.XorInputs, y, new CategoricalCrossEntropy()).Layers[^1];
        output.UsesSimplifiedOutputDelta.ShouldBeTrue();
        output.Delta.ShouldBe(output.Output - y);
    }
}
