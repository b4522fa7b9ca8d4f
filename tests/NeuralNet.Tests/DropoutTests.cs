using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;

namespace NeuralNet.Tests;

public class DropoutTests
{
    private static Matrix<double> RandomMatrix(int rows, int columns, Random random) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => 2 * random.NextDouble() - 1);

    /// <summary>A dropout layer and a plain twin with the same weights and biases.</summary>
    private static (Layer Dropped, Layer Plain) Twins(int inputs, int outputs, IActivation activation, double p, int seed)
    {
        var random = new Random(seed);
        var dropped = new Layer(inputs, outputs, activation, dropout: p) { Weights = RandomMatrix(outputs, inputs, random), Biases = Vector<double>.Build.Dense(outputs, 0.1) };
        var plain = new Layer(inputs, outputs, activation) { Weights = dropped.Weights, Biases = dropped.Biases };
        return (dropped, plain);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_RejectsProbabilityOutsideZeroToOne(double p) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Layer(2, 2, new ReLU(), dropout: p)).Message.ShouldContain("[0, 1)");

    [Fact]
    public void ToString_ShowsProbability()
    {
        new Layer(100, 10, new ReLU(), dropout: 0.5).ToString().ShouldBe("100→10 ReLU, dropout 0.5");
        new Layer(784, 30, new Sigmoid(), batchNorm: true, dropout: 0.2).ToString().ShouldBe("784→30 Sigmoid+BN, dropout 0.2");
    }

    [Fact]
    public void Forward_Inference_IsTheIdentity()
    {
        var (dropped, plain) = Twins(5, 4, new Sigmoid(), 0.5, seed: 1);
        var x = RandomMatrix(5, 3, new Random(1));
        dropped.Forward(x, training: false).ShouldBe(plain.Forward(x, training: false));
    }

    [Fact]
    public void Forward_Training_DropsAboutPAndScalesTheRestByOneOverOneMinusP()
    {
        const double p = 0.3;
        var (dropped, plain) = Twins(10, 1000, new Sigmoid(), p, seed: 2);   // sigmoid: a > 0, so a 0 output means dropped
        var x = RandomMatrix(10, 100, new Random(2));
        var a = plain.Forward(x);
        var output = dropped.Forward(x, training: true);
        int zeros = 0;
        for (int r = 0; r < 1000; r++)
            for (int c = 0; c < 100; c++)
            {
                if (output[r, c] == 0) zeros++;
                else output[r, c].ShouldBe(a[r, c] / (1 - p), 1e-15);
            }
        ((double)zeros / 100_000).ShouldBe(p, 0.005);   // binomial standard deviation ≈ 0.0014
    }

    [Fact]
    public void Masks_AreDeterministicPerSeed()
    {
        var x = RandomMatrix(5, 4, new Random(3));
        Matrix<double> Run(int seed)
        {
            var (layer, _) = Twins(5, 6, new Tanh(), 0.5, seed: 3);
            layer.SeedDropout(seed);
            layer.Forward(x, training: true);
            return layer.Forward(x, training: true).Clone();   // the second mask of the sequence
        }
        Run(7).ShouldBe(Run(7));
        Run(7).ShouldNotBe(Run(8));
    }

    [Fact]
    public void Network_Initialize_SeedsTheMasks()
    {
        var x = RandomMatrix(3, 4, new Random(4));
        var y = Matrix<double>.Build.Dense(2, 4, 0.5);
        (Network Network, Matrix<double> Output) Run(int seed)
        {
            var network = new Network(new Layer(3, 8, new ReLU(), dropout: 0.5), new Layer(8, 2, new Sigmoid()));
            network.Initialize(seed);
            network.Backpropagate(x, y, new MeanSquaredError());
            return (network, network.Dense(0).WeightGradient.Clone());
        }
        Run(1).Output.ShouldBe(Run(1).Output);
        Run(1).Output.ShouldNotBe(Run(2).Output);
        // The dropout seeds are drawn after the weights: a dropout layer gets the same weights as a plain one.
        var plain = new Network(new Layer(3, 8, new ReLU()), new Layer(8, 2, new Sigmoid()));
        plain.Initialize(1);
        Run(1).Network.Dense(0).Weights.ShouldBe(plain.Dense(0).Weights);
    }

    [Fact]
    public void Backward_MultipliesByTheSameMask()
    {
        var (layer, _) = Twins(4, 6, new Identity(), 0.5, seed: 5);
        var x = RandomMatrix(4, 3, new Random(5));
        var output = layer.Forward(x, training: true);
        var ones = Matrix<double>.Build.Dense(6, 3, 1.0);
        layer.Backward(ones, computeInputGradient: false);
        // Identity: dZ = dA ⊙ M and db = Σ_columns dZ / m; output = (W·X + b) ⊙ M, so M = 0 exactly where the output is 0.
        for (int r = 0; r < 6; r++)
        {
            double expected = 0;
            for (int c = 0; c < 3; c++) expected += output[r, c] == 0 ? 0 : 2.0;   // 1/(1 − 0.5)
            layer.BiasGradient[r].ShouldBe(expected / 3, 1e-15);
        }
    }

    [Fact]
    public void GradientChecker_PassesWithAFixedMask()
    {
        var random = new Random(6);
        var network = new Network(new Layer(4, 6, new Tanh(), dropout: 0.5), new Layer(6, 3, new Sigmoid()));
        network.Initialize(6);
        var x = RandomMatrix(4, 5, random);
        var y = Matrix<double>.Build.Dense(3, 5, (_, _) => random.NextDouble());
        var check = GradientChecker.Check(network, x, y, new MeanSquaredError());
        check.Passed(1e-7).ShouldBeTrue($"max relative error {check.MaxRelativeError}");
    }

    [Fact]
    public void GradientChecker_PassesWithDropoutOnTheOutputLayer()
    {
        // Sigmoid + binary cross-entropy would take the shortcut δ = a − y, which is wrong once the loss sees A ⊙ M.
        var random = new Random(7);
        var network = new Network(new Layer(4, 6, new Tanh()), new Layer(6, 3, new Sigmoid(), dropout: 0.2));
        network.Initialize(7);
        network.Dense(1).Weights = network.Dense(1).Weights * 0.3;  // keep a/(1 − p) below 1
        var x = RandomMatrix(4, 5, random);
        var y = Matrix<double>.Build.Dense(3, 5, (_, _) => random.Next(2));
        var check = GradientChecker.Check(network, x, y, new BinaryCrossEntropy());
        check.Passed(1e-7).ShouldBeTrue($"max relative error {check.MaxRelativeError}");
    }

    [Fact]
    public void GradientChecker_PassesWithBatchNormAndDropout()
    {
        var random = new Random(8);
        var network = new Network(new Layer(4, 6, new Elu(), batchNorm: true, dropout: 0.3), new Layer(6, 3, new Softplus(), batchNorm: true));
        network.Initialize(8);
        var x = RandomMatrix(4, 7, random);
        var y = Matrix<double>.Build.Dense(3, 7, (_, _) => random.NextDouble());
        var check = GradientChecker.Check(network, x, y, new MeanSquaredError());
        check.Passed(1e-6).ShouldBeTrue($"max relative error {check.MaxRelativeError}");
    }
}
