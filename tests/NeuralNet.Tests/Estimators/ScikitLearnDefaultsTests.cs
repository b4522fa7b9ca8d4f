using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Estimators;
using NeuralNet.Initializers;
using NeuralNet.Tests.Data;
using NeuralNet.Training;

namespace NeuralNet.Tests.Estimators;

/// <summary>The estimator defaults that follow scikit-learn's MLP (sklearn/neural_network/_multilayer_perceptron.py, 1.2.1).</summary>
public class ScikitLearnDefaultsTests
{
    [Fact]
    public void Defaults_BuildScikitLearnsTrainerOptions()
    {
        var (rows, labels) = TabularData.Blobs(50, 3, seed: 3);
        TrainerOptions? used = null;
        var options = new NeuralNetOptions { MaxEpochs = 2, ConfigureTrainer = t => used = t };
        var classifier = new NeuralNetClassifier<string>(options).Fit(rows, labels);

        options.EarlyStopping.ShouldBeTrue();                            // early_stopping=True, validation_fraction=0.1
        options.ValidationFraction.ShouldBe(0.1);
        used!.BatchSize.ShouldBe(135);                                   // min(200, n) of the 150 − 15 training rows
        used.WeightDecay.ShouldBe(1e-4 / 135, 1e-18);                    // α/m: α/(2m)·‖W‖² per batch of m
        used.EarlyStopping!.Patience.ShouldBe(11);                       // stops when the count exceeds n_iter_no_change = 10
        used.EarlyStopping.MinDelta.ShouldBe(1e-4);                      // tol
        used.EarlyStopping.RestoreBestWeights.ShouldBeTrue();            // early_stopping=True ends with the best weights
        used.Shuffle.ShouldBeTrue();
        classifier.TrainingHistory!.Epochs.ShouldAllBe(e => e.ValidationLoss != null && e.ValidationAccuracy != null);   // the 15 held-out rows
    }

    [Fact]
    public void AlphaAndWeightDecay_AddUp_AndEarlyStoppingRestoresTheBest()
    {
        var (rows, labels) = TabularData.Blobs(250, 2, seed: 4);
        TrainerOptions? used = null;
        var options = new NeuralNetOptions { MaxEpochs = 2, Alpha = 2.0, WeightDecay = 0.01, EarlyStopping = true, Patience = 3, Tolerance = 0.5, ConfigureTrainer = t => used = t };
        new NeuralNetClassifier<string>(options).Fit(rows, labels);

        used!.BatchSize.ShouldBe(200);
        used.WeightDecay.ShouldBe(0.01 + 2.0 / 200, 1e-15);
        used.EarlyStopping!.Patience.ShouldBe(3);
        used.EarlyStopping.MinDelta.ShouldBe(0.5);
        used.EarlyStopping.RestoreBestWeights.ShouldBeTrue();
    }

    [Fact]
    public void WithoutEarlyStopping_TrainingStopsOnTheTrainingLoss_WithoutAValidationSet()
    {
        var (rows, labels) = TabularData.Blobs(100, 2, seed: 5);
        TrainerOptions? used = null;
        var classifier = new NeuralNetClassifier<string>(new NeuralNetOptions { HiddenLayerSizes = [8], LearningRate = 0.05, EarlyStopping = false, ConfigureTrainer = t => used = t }).Fit(rows, labels);
        used!.BatchSize.ShouldBe(200);                                   // min(200, n): all 200 rows train, none held out
        used.EarlyStopping!.RestoreBestWeights.ShouldBeFalse();          // early_stopping=False keeps the last weights
        var history = classifier.TrainingHistory!;
        history.Epochs.ShouldAllBe(e => e.ValidationLoss == null);
        history.StoppedEarly.ShouldBeTrue();                             // separable blobs: the loss stalls long before 200 epochs
        history.Epochs.Count.ShouldBeLessThan(200);
    }

    [Theory]
    [InlineData(6.0)]
    [InlineData(2.0)]
    public void ScikitLearnUniform_DrawsWeightsAndBiasesWithinTheGlorotBound(double factor)
    {
        var w = Matrix<double>.Build.Dense(40, 60);
        var b = Vector<double>.Build.Dense(40);
        new ScikitLearnUniform(factor).Initialize(w, b, new Random(1));
        double r = Math.Sqrt(factor / (60 + 40));
        w.Enumerate().ShouldAllBe(v => Math.Abs(v) <= r);
        b.Enumerate().ShouldAllBe(v => Math.Abs(v) <= r);
        b.Enumerate().Count(v => v != 0).ShouldBe(40);                  // biases are drawn too, unlike XavierUniform
        w.Enumerate().Max().ShouldBeGreaterThan(0.95 * r);               // the bound is reached: U(−r, r), not narrower
        double variance = w.Enumerate().Select(v => v * v).Average();
        variance.ShouldBe(r * r / 3, 0.05 * r * r);                      // Var U(−r, r) = r²/3
    }

    [Fact]
    public void DefaultInitializer_UsesFactorTwoForASigmoidHiddenLayer()
    {
        var (rows, labels) = TabularData.Blobs(50, 2, seed: 6);
        var classifier = new NeuralNetClassifier<string>(new NeuralNetOptions { HiddenLayerSizes = [50], HiddenActivation = () => new NeuralNet.Activations.Sigmoid(), MaxEpochs = 1, LearningRate = 1e-12 }).Fit(rows, labels);
        var first = classifier.Network.Dense(0);
        double r2 = Math.Sqrt(2.0 / (first.Weights.ColumnCount + 50)), r6 = Math.Sqrt(6.0 / (first.Weights.ColumnCount + 50));
        first.Weights.Enumerate().Max(Math.Abs).ShouldBeLessThan(r2 + 1e-6);    // one step of η = 1e-12 moves nothing visible
        first.Weights.Enumerate().Max(Math.Abs).ShouldBeGreaterThan(0.9 * r2);
        r6.ShouldBeGreaterThan(1.5 * r2);
    }
}
