using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>The per-layer diagnostics a <see cref="Trainer"/> puts in each <see cref="EpochReport"/>.</summary>
public class LayerReportTests
{
    // x = (1, 2, 3, 4) with y = (0, 0, 1, 1): one full batch
    private static readonly Matrix<double> X = TestData.Row(1, 2, 3, 4);
    private static readonly Matrix<double> Y = TestData.Row(0, 0, 1, 1);

    /// <summary>
    /// Layer 0, 1 → 3 ReLU: unit 0 is a = x = (1, 2, 3, 4); unit 1 is a = ReLU(1.25 − x) = (0.25, 0, 0, 0), alive for one
    /// sample only and barely; unit 2 has bias −100, so a = ReLU(x − 100) = 0 always: dead.
    /// Layer 1, 3 → 1 sigmoid: z = 4·a₀ − 10 = (−6, −2, 2, 6), a = (σ(−6), σ(−2), σ(2), σ(6)).
    /// </summary>
    private static Network HandSet()
    {
        var network = new Network(new Layer(1, 3, new ReLU()), new Layer(3, 1, new Sigmoid()));
        network.Dense(0).Weights = TestData.Column(1, -1, 1);
        network.Dense(0).Biases = Vector<double>.Build.DenseOfArray([0, 1.25, -100]);
        network.Dense(1).Weights = TestData.Row(4, 0, 0);
        network.Dense(1).Biases[0] = -10;
        return network;
    }

    private static EpochReport OneEpoch(Network network, int batchSize = 4, bool diagnostics = true) =>
        new Trainer(network, new TrainerOptions { Epochs = 1, BatchSize = batchSize, LearningRate = 0.1, Shuffle = false, CollectDiagnostics = diagnostics })
            .Train(X, Y).Epochs[0];

    [Fact]
    public void GradientNorms_AreTheNormsOfBackpropagatedGradientsForOneFullBatch()
    {
        var gradients = HandSet().Backpropagate(X, Y, new MeanSquaredError());

        var report = OneEpoch(HandSet());

        for (int l = 0; l < 2; l++)
        {
            report.Layers[l].Layer.ShouldBe(l);
            report.Layers[l].BiasGradientNorm.ShouldBe(gradients.Layers[l].BiasGradient.L2Norm(), 1e-15);
            report.Layers[l].WeightGradientNorm.ShouldBe(gradients.Layers[l].WeightGradient.FrobeniusNorm(), 1e-15);
        }
        report.Layers[0].BiasGradientNorm.ShouldBeGreaterThan(0);   // so the comparison is not 0 = 0
    }

    [Fact]
    public void GradientNorms_AreAveragedOverTheEpochsBatches()
    {
        // two batches of two: the second sees the weights after the first update
        var replay = HandSet();
        var first = replay.Backpropagate(X.SubMatrix(0, 1, 0, 2), Y.SubMatrix(0, 1, 0, 2), new MeanSquaredError());
        new Sgd().Step(replay.Parameters, 0.1);
        var second = replay.Backpropagate(X.SubMatrix(0, 1, 2, 2), Y.SubMatrix(0, 1, 2, 2), new MeanSquaredError());

        var report = OneEpoch(HandSet(), batchSize: 2);

        for (int l = 0; l < 2; l++)
            report.Layers[l].BiasGradientNorm.ShouldBe((first.Layers[l].BiasGradient.L2Norm() + second.Layers[l].BiasGradient.L2Norm()) / 2, 1e-15);
    }

    [Fact]
    public void ActivationStatistics_OfAReLULayerMatchHandComputedValues()
    {
        // outputs (1, 2, 3, 4), (0.25, 0, 0, 0), (0, 0, 0, 0): 12 values summing to 10.25, squares summing to 30 + 0.0625
        // mean = 10.25/12, variance = 30.0625/12 − mean²; no saturation; 1 of 3 units is never non-zero
        double mean = 10.25 / 12;
        var report = OneEpoch(HandSet()).Layers[0];

        report.ActivationMean.ShouldBe(mean, 1e-15);
        report.ActivationStd.ShouldBe(Math.Sqrt(30.0625 / 12 - mean * mean), 1e-15);
        report.SaturatedFraction.ShouldBe(0.0);
        report.DeadFraction.ShouldBe(1.0 / 3);
    }

    [Fact]
    public void ActivationStatistics_OfASigmoidLayerMatchHandComputedValues()
    {
        // a = (σ(−6), σ(−2), σ(2), σ(6)) = (0.0025, 0.119, 0.881, 0.9975): symmetric about 1/2 since σ(−z) = 1 − σ(z),
        // so mean = 1/2 and variance = ((σ(6) − 1/2)² + (σ(2) − 1/2)²)/2; σ(±6) lie beyond 0.05 and 0.95: 2 of 4 saturated
        double s6 = 1 / (1 + Math.Exp(-6)), s2 = 1 / (1 + Math.Exp(-2));
        var report = OneEpoch(HandSet()).Layers[1];

        report.ActivationMean.ShouldBe(0.5, 1e-15);
        report.ActivationStd.ShouldBe(Math.Sqrt(((s6 - 0.5) * (s6 - 0.5) + (s2 - 0.5) * (s2 - 0.5)) / 2), 1e-14);
        report.SaturatedFraction.ShouldBe(0.5);
        report.DeadFraction.ShouldBe(0.0);
    }

    [Fact]
    public void ActivationStatistics_AreNaNWithoutDiagnosticsButGradientNormsRemain()
    {
        var report = OneEpoch(HandSet(), diagnostics: false).Layers[0];

        double.IsNaN(report.ActivationMean).ShouldBeTrue();
        double.IsNaN(report.ActivationStd).ShouldBeTrue();
        double.IsNaN(report.SaturatedFraction).ShouldBeTrue();
        double.IsNaN(report.DeadFraction).ShouldBeTrue();
        report.BiasGradientNorm.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void DeadFraction_CountsUnitsActiveInAnyBatchAsAlive()
    {
        // with batches of one, unit 1 is non-zero only in the first batch; it still counts as alive for the epoch
        var report = OneEpoch(HandSet(), batchSize: 1).Layers[0];

        report.DeadFraction.ShouldBe(1.0 / 3);
    }

    // Batch norm, dropout and saturation cases

    // A learning rate so small that the parameters do not move measurably between the mini-batches of the epoch.
    private static TrainerOptions OneEpoch(int batchSize, bool diagnostics = true) => new()
    {
        Epochs = 1, BatchSize = batchSize, LearningRate = 1e-12, Shuffle = false,
        Loss = new MeanSquaredError(), CollectDiagnostics = diagnostics,
    };

    /// <summary>2→2 ReLU with W = [[1, 0], [0, −1]], b = 0: on positive inputs unit 0 passes x₁ through and unit 1 is dead.</summary>
    private static Network HalfDeadRelu()
    {
        var network = new Network(new Layer(2, 2, new ReLU()));
        network.Dense(0).Weights = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, -1 } });
        network.Dense(0).Biases = Vector<double>.Build.Dense(2);
        return network;
    }

    [Fact]
    public void Report_MatchesHandComputedValues()
    {
        // Samples (1, 1) and (2, 3), targets 0, batches of one. Z = [[1, 2], [−1, −3]], A = [[1, 2], [0, 0]].
        // MSE: dA = a − y = a; dZ = a ⊙ ReLU′ = [[1, 2], [0, 0]].
        //   batch 1: db = (1, 0),  ‖db‖ = 1;  dW = [[1, 1], [0, 0]], ‖dW‖ = √2
        //   batch 2: db = (2, 0),  ‖db‖ = 2;  dW = δ·xᵀ = [[4, 6], [0, 0]], ‖dW‖ = √52
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 1, 3 } });
        var y = Matrix<double>.Build.Dense(2, 2);
        var report = new Trainer(HalfDeadRelu(), OneEpoch(batchSize: 1)).Train(x, y).Epochs[0].Layers[0];

        report.Layer.ShouldBe(0);
        report.BiasGradientNorm.ShouldBe(1.5, 1e-9);
        report.WeightGradientNorm.ShouldBe((Math.Sqrt(2) + Math.Sqrt(52)) / 2, 1e-9);
        report.ActivationMean.ShouldBe(0.75, 1e-9);                         // (1 + 2 + 0 + 0) / 4
        report.ActivationStd.ShouldBe(Math.Sqrt(5.0 / 4 - 0.75 * 0.75), 1e-9); // √(E[a²] − mean²)
        report.SaturatedFraction.ShouldBe(0.0);                            // ReLU does not saturate
        report.DeadFraction.ShouldBe(0.5);                                 // unit 1 output 0 for every sample
    }

    [Fact]
    public void SaturatedFraction_CountsSigmoidOutputsInTheFlatRegions()
    {
        // 1→4 sigmoid, x = 1: z = (10, −10, 0, 1) → a ≈ (0.99995, 0.00005, 0.5, 0.73): two of four saturated.
        var network = new Network(new Layer(1, 4, new Sigmoid()));
        network.Dense(0).Weights = Matrix<double>.Build.DenseOfArray(new double[,] { { 10 }, { -10 }, { 0 }, { 1 } });
        network.Dense(0).Biases = Vector<double>.Build.Dense(4);
        var report = new Trainer(network, OneEpoch(batchSize: 1)).Train(Matrix<double>.Build.Dense(1, 1, 1.0), Matrix<double>.Build.Dense(4, 1)).Epochs[0].Layers[0];
        report.SaturatedFraction.ShouldBe(0.5);
        report.DeadFraction.ShouldBe(0.0);
    }

    [Fact]
    public void BiasGradientNorm_IsTheBetaGradientNorm_ForBatchNormLayers()
    {
        var random = new Random(1);
        var x = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble());
        var y = Matrix<double>.Build.Dense(2, 4, (_, _) => random.NextDouble());
        var network = new Network(new Layer(3, 2, new Sigmoid(), batchNorm: true));
        network.Initialize(1);
        double expected = network.Backpropagate(x, y, new MeanSquaredError()).Layers[0].BetaGradient!.L2Norm();
        expected.ShouldBeGreaterThan(0);
        network.Initialize(1);
        var report = new Trainer(network, OneEpoch(batchSize: 4)).Train(x, y).Epochs[0].Layers[0];
        report.BiasGradientNorm.ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void ActivationStatistics_MeasureTheOutputBeforeDropout()
    {
        // Sigmoid outputs lie in (0.27, 0.73) here; after dropout with p = 0.5 they would be 0 or up to 1.46.
        var random = new Random(2);
        var x = Matrix<double>.Build.Dense(3, 8, (_, _) => random.NextDouble());
        var network = new Network(new Layer(3, 5, new Sigmoid(), dropout: 0.5));
        network.Dense(0).Weights = Matrix<double>.Build.Dense(5, 3, (_, _) => 2 * random.NextDouble() - 1) / 3;
        network.Dense(0).Biases = Vector<double>.Build.Dense(5);
        var expected = network.Predict(x);
        var report = new Trainer(network, OneEpoch(batchSize: 8)).Train(x, Matrix<double>.Build.Dense(5, 8)).Epochs[0].Layers[0];
        report.ActivationMean.ShouldBe(expected.Enumerate().Average(), 1e-9);
        report.SaturatedFraction.ShouldBe(0.0);
        report.DeadFraction.ShouldBe(0.0);
    }
}
