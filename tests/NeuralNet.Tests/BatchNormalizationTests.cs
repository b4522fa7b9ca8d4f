using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Diagnostics;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests;

public class BatchNormalizationTests
{
    private const double Eps = Layer.BatchNormEpsilon;

    private static Matrix<double> RandomMatrix(int rows, int columns, Random random, double scale = 1.0) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => scale * (2 * random.NextDouble() - 1));

    /// <summary>[4→5 Tanh+BN, 5→3 Sigmoid+BN] with random γ and β, so that every term of the backward pass matters.</summary>
    private static Network TwoBatchNormLayers(int seed)
    {
        var network = new Network(new Layer(4, 5, new Tanh(), batchNorm: true), new Layer(5, 3, new Sigmoid(), batchNorm: true));
        network.Initialize(seed);
        var random = new Random(seed + 100);
        foreach (var layer in network.DenseLayers())
            for (int j = 0; j < layer.OutputSize; j++)
            {
                layer.Gamma![j] = 0.5 + random.NextDouble();
                layer.Beta![j] = random.NextDouble() - 0.5;
            }
        return network;
    }

    private static double RelativeError(Matrix<double> a, Matrix<double> b) =>
        (a - b).FrobeniusNorm() / Math.Max(a.FrobeniusNorm() + b.FrobeniusNorm(), 1e-300);

    [Fact]
    public void Parameters_AreWeightsGammaAndBeta()
    {
        var layer = new Layer(3, 2, new Sigmoid(), batchNorm: true);
        layer.Parameters.Select(p => p.Name).ShouldBe(["W", "γ", "β"]);
        layer.Parameters.Select(p => p.IsWeight).ShouldBe([true, false, false]);
        layer.Gamma!.ToArray().ShouldBe([1.0, 1.0]);
        layer.Beta!.ToArray().ShouldBe([0.0, 0.0]);
        layer.RunningMean!.ToArray().ShouldBe([0.0, 0.0]);
        layer.RunningVariance!.ToArray().ShouldBe([1.0, 1.0]);
        new Layer(3, 2, new Sigmoid()).Gamma.ShouldBeNull();
    }

    [Fact]
    public void ToString_MarksBatchNorm()
    {
        new Layer(784, 30, new Sigmoid(), batchNorm: true).ToString().ShouldBe("784→30 Sigmoid+BN");
        new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid())).ToString().ShouldBe("Network[2→3 Tanh, 3→1 Sigmoid]");
    }

    [Fact]
    public void Forward_Training_NormalisesEachUnitOverTheBatch()
    {
        // W = I, so U = X; row 0 = [1, 2, 3, 6]: μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5.
        var layer = new Layer(2, 2, new Identity(), batchNorm: true) { Weights = Matrix<double>.Build.DenseIdentity(2) };
        layer.Gamma![0] = 2; layer.Beta![0] = 0.5;
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3, 6 }, { 0, 0, 1, 1 } });
        var a = layer.Forward(x, training: true);
        double s = Math.Sqrt(3.5 + Eps);
        for (int c = 0; c < 4; c++)
        {
            a[0, c].ShouldBe(2 * (x[0, c] - 3) / s + 0.5, 1e-12);
            a[1, c].ShouldBe((x[1, c] - 0.5) / Math.Sqrt(0.25 + Eps), 1e-12);
        }
    }

    [Fact]
    public void RunningStatistics_AfterTwoSteps_MatchHandComputedValues()
    {
        var layer = new Layer(2, 2, new Identity(), batchNorm: true) { Weights = Matrix<double>.Build.DenseIdentity(2) };
        var x1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3, 6 }, { 0, 0, 1, 1 } });
        var x2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 4 }, { 2, 2 } });
        layer.Forward(x1, training: true);
        layer.Forward(x2, training: true);
        // Row 0: μ₁ = 3, unbiased variance 14/3; μ₂ = 2, unbiased variance 8.
        // mean: 0.9·(0.9·0 + 0.1·3) + 0.1·2 = 0.47;   var: 0.9·(0.9·1 + 0.1·14/3) + 0.1·8 = 2.03
        layer.RunningMean![0].ShouldBe(0.47, 1e-12);
        layer.RunningVariance![0].ShouldBe(0.81 + 0.09 * 14.0 / 3 + 0.8, 1e-12);
        // Row 1: μ₁ = 0.5, unbiased variance 1/3; μ₂ = 2, variance 0.
        layer.RunningMean[1].ShouldBe(0.09 * 0.5 + 0.2, 1e-12);
        layer.RunningVariance[1].ShouldBe(0.81 + 0.09 / 3 + 0, 1e-12);
        // Inference leaves them alone.
        layer.Forward(x1, training: false);
        layer.RunningMean[0].ShouldBe(0.47, 1e-12);
    }

    [Fact]
    public void Predict_UsesRunningStatistics()
    {
        var network = new Network(new Layer(2, 2, new Identity(), batchNorm: true));
        var layer = network.Dense(0);
        layer.Weights = Matrix<double>.Build.DenseIdentity(2);
        layer.Gamma![1] = 3; layer.Beta![1] = -1;
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3, 6 }, { 0, 0, 1, 1 } });
        var training = layer.Forward(x, training: true).Clone();
        var predicted = network.Predict(x);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 4; c++)
                predicted[r, c].ShouldBe(layer.Gamma[r] * (x[r, c] - layer.RunningMean![r]) / Math.Sqrt(layer.RunningVariance![r] + Eps) + layer.Beta[r], 1e-12);
        RelativeError(predicted, training).ShouldBeGreaterThan(0.1);
        network.Predict(x.Column(2)).ToArray().ShouldBe(predicted.Column(2).ToArray(), 1e-12); // one sample at inference is fine
    }

    [Fact]
    public void Forward_Training_RejectsABatchOfOne()
    {
        var layer = new Layer(2, 2, new Sigmoid(), batchNorm: true);
        Should.Throw<InvalidOperationException>(() => layer.Forward(Matrix<double>.Build.Dense(2, 1), training: true))
            .Message.ShouldContain("more than 1 sample");
    }

    [Fact]
    public void GradientChecker_PassesForWeightsGammaAndBeta()
    {
        var random = new Random(3);
        var network = TwoBatchNormLayers(seed: 3);
        var x = RandomMatrix(4, 6, random, 2.0);
        var y = Matrix<double>.Build.Dense(3, 6, (_, _) => random.NextDouble());
        var runningMean = network.Dense(0).RunningMean!.Clone();

        var check = GradientChecker.Check(network, x, y, new MeanSquaredError());

        check.Passed(1e-6).ShouldBeTrue($"max relative error {check.MaxRelativeError}");
        foreach (var layer in check.Layers)
        {
            layer.ParameterRelativeErrors!.Keys.ShouldBe(["W", "γ", "β"], ignoreOrder: true);
            layer.BiasRelativeError.ShouldBe(layer.ParameterRelativeErrors["β"]);
        }
        network.Dense(0).RunningMean!.ShouldBe(runningMean); // the check does not move the running statistics
    }

    [Fact]
    public void Backward_InputGradient_MatchesFiniteDifferences()
    {
        // Through both layers by hand, so that dX of the first layer (and hence of the second) is compared with ∂C/∂X.
        var random = new Random(4);
        var network = TwoBatchNormLayers(seed: 4);
        var (first, second) = (network.Dense(0), network.Dense(1));
        var loss = new MeanSquaredError();
        var x = RandomMatrix(4, 5, random, 2.0);
        var y = Matrix<double>.Build.Dense(3, 5, (_, _) => random.NextDouble());
        double Cost() => loss.Value(second.Forward(first.Forward(x, training: true), training: true), y);

        var output = second.Forward(first.Forward(x, training: true), training: true);
        var dA = Matrix<double>.Build.Dense(3, 5);
        loss.Gradient(output, y, dA);
        var dX = first.Backward(second.Backward(dA)!, computeInputGradient: true)! / x.ColumnCount; // ∂C/∂X = dX / m

        var numerical = Matrix<double>.Build.Dense(4, 5);
        const double h = 1e-5;
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 5; c++)
            {
                double saved = x[r, c];
                x[r, c] = saved + h; double plus = Cost();
                x[r, c] = saved - h; double minus = Cost();
                x[r, c] = saved;
                numerical[r, c] = (plus - minus) / (2 * h);
            }
        RelativeError(dX, numerical).ShouldBeLessThan(1e-7);
    }

    [Fact]
    public void Backward_InferenceMode_MatchesFiniteDifferences()
    {
        // After a forward pass with training: false the layer is affine; its backward pass must follow.
        var random = new Random(5);
        var layer = new Layer(3, 2, new Tanh(), batchNorm: true) { Weights = RandomMatrix(2, 3, random) };
        layer.Forward(RandomMatrix(3, 8, random), training: true);            // move the running statistics
        var x = RandomMatrix(3, 4, random);
        var g = RandomMatrix(2, 4, random);                                   // fixed upstream gradient: C = Σ G ⊙ A / m
        double Cost() => layer.Forward(x, training: false).PointwiseMultiply(g).Enumerate().Sum() / 4;
        layer.Forward(x, training: false);
        layer.Backward(g, computeInputGradient: false);
        var dGamma = layer.GammaGradient!.Clone();
        var numerical = Vector<double>.Build.Dense(2);
        for (int j = 0; j < 2; j++)
        {
            double saved = layer.Gamma![j];
            layer.Gamma[j] = saved + 1e-5; double plus = Cost();
            layer.Gamma[j] = saved - 1e-5; double minus = Cost();
            layer.Gamma[j] = saved;
            numerical[j] = (plus - minus) / 2e-5;
        }
        (dGamma - numerical).L2Norm().ShouldBeLessThan(1e-8);
    }

    [Fact]
    public void Initialize_ResetsGammaBetaAndRunningStatistics()
    {
        var network = TwoBatchNormLayers(seed: 6);
        network.Backpropagate(RandomMatrix(4, 3, new Random(6)), Matrix<double>.Build.Dense(3, 3), new MeanSquaredError());
        network.Initialize(seed: 6);
        var layer = network.Dense(0);
        layer.Gamma!.ToArray().ShouldAllBe(v => v == 1.0);
        layer.Beta!.ToArray().ShouldAllBe(v => v == 0.0);
        layer.RunningMean!.ToArray().ShouldAllBe(v => v == 0.0);
        layer.RunningVariance!.ToArray().ShouldAllBe(v => v == 1.0);
        layer.Biases.ToArray().ShouldAllBe(v => v == 0.0);
        Should.Throw<InvalidOperationException>(() => layer.Biases = Vector<double>.Build.Dense(5, 1.0)).Message.ShouldContain("Beta");
    }

    [Fact]
    public void Backpropagate_ReturnsGammaAndBetaGradients()
    {
        var network = TwoBatchNormLayers(seed: 7);
        var gradients = network.Backpropagate(RandomMatrix(4, 3, new Random(7)), Matrix<double>.Build.Dense(3, 3), new MeanSquaredError());
        gradients.Layers[1].BetaGradient!.ShouldBe(network.Dense(1).BetaGradient!);
        gradients.Layers[1].GammaGradient!.ShouldBe(network.Dense(1).GammaGradient!);
        gradients.Layers[1].BiasGradient.L2Norm().ShouldBe(0.0);
    }

    [Fact]
    public void Trainer_MergesATrailingBatchOfOne_AndLearns()
    {
        var random = new Random(8);
        var x = RandomMatrix(4, 11, random, 2.0);   // 11 = 2·5 + 1: the last batch would hold one sample
        var y = Matrix<double>.Build.Dense(3, 11, (r, c) => x[r, c] > 0 ? 1 : 0);
        var network = TwoBatchNormLayers(seed: 8);
        var history = new Trainer(network, new TrainerOptions { Epochs = 30, BatchSize = 5, LearningRate = 1.0 }).Train(x, y);
        history.FinalLoss.ShouldBeLessThan(history.Epochs[0].Loss);
    }

    [Fact]
    public void TrainingStep_WhenWarm_AllocatesNoMoreThanWithoutBatchNormAndDropout()
    {
        // The hot path of Trainer.Train: forward, backward, optimizer step. (MathNet's transposed products allocate a
        // little in any network; batch norm and dropout must add nothing to that.)
        long Allocated(bool extras)
        {
            var random = new Random(9);
            var network = new Network(new Layer(4, 6, new ReLU(), batchNorm: extras, dropout: extras ? 0.5 : 0), new Layer(6, 3, new Sigmoid(), batchNorm: extras));
            var x = RandomMatrix(4, 8, random);
            var y = Matrix<double>.Build.Dense(3, 8, (_, _) => random.NextDouble());
            var (loss, optimizer) = (new MeanSquaredError(), new NeuralNet.Optimizers.Adam());
            void Step() { network.ForwardBackward(x, y, loss); optimizer.Step(network.Parameters, 0.01); }
            Step();
            Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Step();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(extras: true).ShouldBe(Allocated(extras: false));
    }
}
