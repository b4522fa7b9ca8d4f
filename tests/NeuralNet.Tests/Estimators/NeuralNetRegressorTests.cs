using NeuralNet.Data;
using NeuralNet.Estimators;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Estimators;

public class NeuralNetRegressorTests
{
    private static readonly NeuralNetOptions Quick = new() { HiddenLayerSizes = [32], LearningRate = 0.01, MaxEpochs = 150 };

    [Fact]
    public void Fit_LearnsATargetInTheHundreds_ThanksToTargetScaling()
    {
        var (rows, y, _) = TabularData.Regression(400, seed: 1);
        var split = TrainTestSplit.Split(rows, y, 0.25, seed: 0);
        var regressor = new NeuralNetRegressor(Quick with { EarlyStopping = true }).Fit(split.TrainRows, split.TrainLabels);
        regressor.Score(split.TestRows, split.TestLabels).ShouldBeGreaterThan(0.95);
        regressor.TargetScaler!.Offset[0].ShouldBe(split.TrainLabels.Average(), 1e-9);       // μ_y of the training targets
        regressor.TrainingHistory!.Epochs.ShouldAllBe(e => e.ValidationLoss != null && e.ValidationAccuracy == null);   // no accuracy for a regression
    }

    [Fact]
    public void Fit_SeveralTargets_PredictsEachInItsUnits()
    {
        var (rows, _, targets) = TabularData.Regression(300, seed: 2);
        var regressor = new NeuralNetRegressor(Quick).Fit(rows, targets);
        regressor.TargetCount.ShouldBe(2);
        var predicted = regressor.PredictTargets(rows);
        NeuralNet.Metrics.RegressionMetrics.R2(targets, predicted).ShouldBeGreaterThan(0.95);
        Should.Throw<InvalidOperationException>(() => regressor.Predict(rows)).Message.ShouldContain("use PredictTargets(rows)");
    }

    [Fact]
    public void SaveAndLoad_GiveIdenticalPredictionsFromRawRows()
    {
        var (rows, y, _) = TabularData.Regression(100, seed: 3);
        var regressor = new NeuralNetRegressor(Quick with { MaxEpochs = 5 }).Fit(rows, y);
        using var dir = new TempDirectory();
        regressor.Save(dir.File("model.json"));
        File.ReadAllText(dir.File("model.json")).ShouldContain("\"targetScaler\": {");
        var loaded = NeuralNetRegressor.Load(dir.File("model.json"));
        loaded.Predict(rows).ShouldBe(regressor.Predict(rows));    // bit for bit
    }

    [Fact]
    public void WithoutTargetScaling_TheNetworkSeesTheTargetsAsGiven()
    {
        var (rows, y, _) = TabularData.Regression(50, seed: 4);
        var regressor = new NeuralNetRegressor(Quick with { MaxEpochs = 2, ScaleTargets = false, EarlyStopping = false }).Fit(rows, y);
        regressor.TargetScaler.ShouldBeNull();
        regressor.Predict(rows).ShouldBe(regressor.Network.Predict(regressor.Scaler!.Transform(rows)).Select(o => o[0]).ToArray());
    }
}
