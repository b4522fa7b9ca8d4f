using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;

namespace NeuralNet.Tests.Reference;

/// <summary>
/// The fast layer (blocked GEMM, vectorised activations, buffers, the a − y shortcuts) against the plain port of Nielsen's
/// backprop, on random networks of every activation: the batch-mean gradients agree to 1e-12.
/// </summary>
public class ReferenceBackpropTests
{
    public static TheoryData<string> Activations => new() { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Elu", "Softplus", "Identity", "Softmax" };

    private static IActivation Make(string name) => name switch
    {
        "Sigmoid" => new Sigmoid(), "Tanh" => new Tanh(), "ReLU" => new ReLU(), "LeakyReLU" => new LeakyReLU(0.1),
        "Elu" => new Elu(), "Softplus" => new Softplus(), "Identity" => new Identity(), _ => new Softmax(),
    };

    [Theory, MemberData(nameof(Activations))]
    public void FastLayer_MatchesNielsensBackprop_WithTheQuadraticCost(string activation)
    {
        // hidden layers and the output layer all use the activation; C = 1/(2m) Σ‖a − y‖², ∇ₐCₓ = a − y (Nielsen's cost_derivative)
        var network = new Network(new Layer(6, 9, Make(activation)), new Layer(9, 7, Make(activation)), new Layer(7, 4, Make(activation)));
        network.Initialize(seed: activation.Length);
        var x = TestData.Uniform(6, 11, seed: 1);
        var y = TestData.Uniform(4, 11, seed: 2, low: 0, high: 1);

        AssertMatchesOracle(network, x, y, new MeanSquaredError());
    }

    [Theory]
    [InlineData("Sigmoid")]
    [InlineData("Softmax")]
    public void FastLayer_WithTheOutputShortcut_MatchesNielsensBackpropWrittenOut(string output)
    {
        // the library takes δᴸ = a − y; the oracle applies BP1 as written, ∇ₐC ⊙ f′(z) (or Jᵀ·∇ₐC), with the cross-entropy's ∇ₐCₓ
        var network = new Network(new Layer(5, 8, new Tanh()), new Layer(8, 3, Make(output)));
        network.Initialize(seed: 9);
        var x = TestData.Uniform(5, 13, seed: 3);
        var y = output == "Softmax" ? TestData.OneHot(3, 13, seed: 4) : TestData.Uniform(3, 13, seed: 4, low: 0.1, high: 0.9);
        ILoss loss = output == "Softmax" ? new CategoricalCrossEntropy() : new BinaryCrossEntropy();

        AssertMatchesOracle(network, x, y, loss);
    }

    /// <summary>Backpropagate's batch-mean gradients against the mean of the oracle's per-sample ones.</summary>
    private static void AssertMatchesOracle(Network network, Matrix<double> x, Matrix<double> y, ILoss loss)
    {
        var layers = network.DenseLayers().ToArray();
        var weights = layers.Select(l => Enumerable.Range(0, l.OutputSize).Select(j => l.Weights.Row(j).ToArray()).ToArray()).ToArray();
        var biases = layers.Select(l => l.Biases.ToArray()).ToArray();
        var activations = layers.Select(l => l.Activation).ToArray();
        int m = x.ColumnCount;
        var sumW = weights.Select(w => w.Select(row => new double[row.Length]).ToArray()).ToArray();
        var sumB = biases.Select(b => new double[b.Length]).ToArray();
        for (int s = 0; s < m; s++)
        {
            var target = y.Column(s).ToArray();
            double[] CostDerivative(double[] a)   // ∇ₐCₓ of the loss, for one sample
            {
                var gradient = Matrix<double>.Build.Dense(a.Length, 1);
                loss.Gradient(Matrix<double>.Build.DenseOfColumnArrays(a), Matrix<double>.Build.DenseOfColumnArrays(target), gradient);
                return gradient.Column(0).ToArray();
            }
            var (nablaW, nablaB) = NielsenBackprop.Backprop(weights, biases, activations, x.Column(s).ToArray(), CostDerivative);
            for (int l = 0; l < layers.Length; l++)
            {
                for (int j = 0; j < nablaB[l].Length; j++) sumB[l][j] += nablaB[l][j];
                for (int j = 0; j < nablaW[l].Length; j++)
                    for (int k = 0; k < nablaW[l][j].Length; k++) sumW[l][j][k] += nablaW[l][j][k];
            }
        }

        var fast = network.Backpropagate(x, y, loss);
        double largest = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            for (int j = 0; j < sumB[l].Length; j++)
            {
                double expected = sumB[l][j] / m;
                fast.Layers[l].BiasGradient[j].ShouldBe(expected, 1e-12, $"layer {l} ∂C/∂b[{j}]");
                largest = Math.Max(largest, Math.Abs(expected));
            }
            for (int j = 0; j < sumW[l].Length; j++)
                for (int k = 0; k < sumW[l][j].Length; k++)
                    fast.Layers[l].WeightGradient[j, k].ShouldBe(sumW[l][j][k] / m, 1e-12, $"layer {l} ∂C/∂W[{j}, {k}]");
        }
        largest.ShouldBeGreaterThan(1e-4);   // a real comparison: the gradients are not all (near) zero
    }
}
