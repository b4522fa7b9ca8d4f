using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class LayerReportTests
{
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
        network.Layers[0].Weights = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, -1 } });
        network.Layers[0].Biases = Vector<double>.Build.Dense(2);
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
        network.Layers[0].Weights = Matrix<double>.Build.DenseOfArray(new double[,] { { 10 }, { -10 }, { 0 }, { 1 } });
        network.Layers[0].Biases = Vector<double>.Build.Dense(4);
        var report = new Trainer(network, OneEpoch(batchSize: 1)).Train(Matrix<double>.Build.Dense(1, 1, 1.0), Matrix<double>.Build.Dense(4, 1)).Epochs[0].Layers[0];
        report.SaturatedFraction.ShouldBe(0.5);
        report.DeadFraction.ShouldBe(0.0);
    }

    [Fact]
    public void ActivationStatistics_AreNaNWithoutDiagnostics_GradientNormsAreNot()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 1, 3 } });
        var report = new Trainer(HalfDeadRelu(), OneEpoch(batchSize: 1, diagnostics: false)).Train(x, Matrix<double>.Build.Dense(2, 2)).Epochs[0].Layers[0];
        report.BiasGradientNorm.ShouldBe(1.5, 1e-9);
        double.IsNaN(report.ActivationMean).ShouldBeTrue();
        double.IsNaN(report.DeadFraction).ShouldBeTrue();
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
        network.Layers[0].Weights = Matrix<double>.Build.Dense(5, 3, (_, _) => 2 * random.NextDouble() - 1) / 3;
        network.Layers[0].Biases = Vector<double>.Build.Dense(5);
        var expected = network.Predict(x);
        var report = new Trainer(network, OneEpoch(batchSize: 8)).Train(x, Matrix<double>.Build.Dense(5, 8)).Epochs[0].Layers[0];
        report.ActivationMean.ShouldBe(expected.Enumerate().Average(), 1e-9);
        report.SaturatedFraction.ShouldBe(0.0);
        report.DeadFraction.ShouldBe(0.0);
    }
}
