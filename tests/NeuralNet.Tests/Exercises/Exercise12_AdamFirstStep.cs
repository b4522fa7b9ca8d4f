using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tracing;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 12 (advanced): Adam's first step. With m = (1 − β₁)g and v = (1 − β₂)g² after one step, the bias corrections
/// give m̂ = g and v̂ = g², so Δθ = −η·g/(|g| + ε) ≈ −η·sign(g): every parameter moves by about η, however small its gradient.
/// </summary>
public class Exercise12_AdamFirstStep
{
    [Fact]
    public void EveryParameterMovesByAboutEta_AgainstItsGradient()
    {
        var trace = ExerciseData.Xor().Trace(ExerciseData.XorInputs, ExerciseData.XorTargets, new MeanSquaredError(), new Adam(), learningRate: 0.01);
        foreach (var layer in trace.Layers)
        {
            var g = layer.WeightGradient.Enumerate().ToArray();
            var step = layer.WeightUpdate.Enumerate().ToArray();
            for (int i = 0; i < g.Length; i++)
            {
                step[i].ShouldBe(-0.01 * Math.Sign(g[i]), 1e-7);
            }
        }
    }

    [Fact]
    public void SgdSteps_InContrast_AreProportionalToTheGradient()
    {
        var trace = ExerciseData.Xor().Trace(ExerciseData.XorInputs, ExerciseData.XorTargets, new MeanSquaredError(), new Sgd(), learningRate: 0.01);
        var steps = trace.Layers.SelectMany(l => l.WeightUpdate.Enumerate()).Select(Math.Abs).ToArray();
        (steps.Max() / steps.Min()).ShouldBeGreaterThan(2);    // the hidden layer's gradients differ by several times
    }
}
