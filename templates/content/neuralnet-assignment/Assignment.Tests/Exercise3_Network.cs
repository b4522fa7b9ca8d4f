using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tracing;
using NeuralNet.Training;

namespace Assignment.Tests;

/// <summary>Exercise 3, your layers in a network (25 of its 55 points): the gradient checker, the reference trace, training.</summary>
public class Exercise3_Network
{
    /// <summary>XOR's 2 → 3 tanh → 1 sigmoid network twice: with your layers, and with built-in ones holding the same W and b.</summary>
    private static (Network Yours, Network Builtin) XorNetworks(int seed = 7)
    {
        var builtin = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
        builtin.Initialize(new XavierUniform(), seed);
        var yours = new Network(new DenseLayer(2, 3, new Tanh()), new DenseLayer(3, 1, new Sigmoid()));
        for (int p = 0; p < builtin.Parameters.Count; p++)
            builtin.Parameters[p].Value.CopyTo(yours.Parameters[p].Value, 0);
        return (yours, builtin);
    }

    [Graded(10)]
    public void GradientChecker_PassesForANetworkOfYourLayers()
    {
        // Central differences of the cost for every W and b entry of both layers: backprop must agree to 1e-6 (relative).
        var (yours, _) = XorNetworks(seed: 3);
        var x = Reference.Random(2, 6, seed: 30);
        var y = Reference.Random(1, 6, seed: 31).PointwiseAbs();
        var check = GradientChecker.Check(yours, x, y, new MeanSquaredError());
        Assert.True(check.Passed(), $"largest relative error {check.MaxRelativeError:G3} (should be below 1e-6); per layer: " +
            string.Join("; ", check.Layers.Select(l => $"layer {l.Layer + 1}: W {l.WeightRelativeError:G3}, b {l.BiasRelativeError:G3}")));
    }

    [Graded(10)]
    public void Trace_OfOneStep_MatchesTheBuiltInLayersTrace()
    {
        // network.Trace writes out one training step; with the same W and b, yours and the built-in one must agree.
        var (yours, builtin) = XorNetworks();
        var expected = builtin.Trace(Reference.XorInputs, Reference.XorTargets, new MeanSquaredError(), learningRate: 0.5);
        var actual = yours.Trace(Reference.XorInputs, Reference.XorTargets, new MeanSquaredError(), learningRate: 0.5);
        Close.Numbers(expected.Cost, actual.Cost, "the cost C", 1e-14);
        for (int l = 0; l < expected.Layers.Count; l++)
        {
            var (e, a) = (expected.Layers[l], actual.Layers[l]);
            Close.Matrices(e.Output, a.Output, $"layer {l + 1}: a");
            Close.Matrices(e.OutputGradient, a.OutputGradient, $"layer {l + 1}: ∂C/∂a");
            Close.Vectors(e.BiasGradient, a.BiasGradient, $"layer {l + 1}: ∂C/∂b");
            Close.Matrices(e.WeightGradient, a.WeightGradient, $"layer {l + 1}: ∂C/∂W");
        }
    }

    [Graded(5)]
    public void Training_LearnsXor_AsTheBuiltInLayersDo()
    {
        // The README's XOR run: 2000 epochs of SGD with momentum, η = 0.5, on the 4 samples.
        var (yours, builtin) = XorNetworks();
        TrainerOptions Options() => new()
        {
            Epochs = 2000, BatchSize = 4, LearningRate = 0.5, Seed = 7, Loss = new MeanSquaredError(), Optimizer = new Sgd(momentum: 0.9),
        };
        new Trainer(builtin, Options()).Train(Reference.XorInputs, Reference.XorTargets);
        new Trainer(yours, Options()).Train(Reference.XorInputs, Reference.XorTargets);
        var (a, expected) = (yours.Predict(Reference.XorInputs), builtin.Predict(Reference.XorInputs));
        for (int j = 0; j < 4; j++)
            Close.Numbers(Reference.XorTargets[0, j], a[0, j], $"XOR output for sample {j + 1}", 0.1);
        Close.Matrices(expected, a, "the trained network's outputs, against the built-in layers'", 1e-6);
    }
}
