using Microsoft.ML.OnnxRuntime;
using NeuralNet.Estimators;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Estimators;

/// <summary>The exported graph takes raw rows (the scaler is its Sub/Div nodes) and gives what the estimator's predict methods give, to 1e-9.</summary>
public class EstimatorOnnxTests
{
    private const double Tolerance = 1e-9;

    private static double[][] Run(string path, double[][] rows, out InferenceSession session)
    {
        session = new InferenceSession(path);
        double[] data = rows.SelectMany(r => r).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(data, [rows.Length, rows[0].Length]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var values = outputs[0].GetTensorDataAsSpan<double>().ToArray();
        return Enumerable.Range(0, (int)shape[0]).Select(i => values.AsSpan(i * (int)shape[1], (int)shape[1]).ToArray()).ToArray();
    }

    private static void ShouldAgree(double[][] actual, double[][] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].Length.ShouldBe(expected[i].Length);
            for (int k = 0; k < expected[i].Length; k++)
                Math.Abs(actual[i][k] - expected[i][k]).ShouldBeLessThan(Tolerance * Math.Max(1, Math.Abs(expected[i][k])), $"row {i}, output {k}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Classifier_OnnxRuntimeOnRawRows_GivesPredictProbabilities(int classes)
    {
        var (rows, labels) = TabularData.Blobs(25, classes, seed: 7);
        var classifier = new NeuralNetClassifier<string>(new NeuralNetOptions { HiddenLayerSizes = [8], MaxEpochs = 5, LearningRate = 0.01 }).Fit(rows, labels);
        using var dir = new TempDirectory();
        classifier.ExportOnnx(dir.File("model.onnx"));
        var actual = Run(dir.File("model.onnx"), rows, out var session);
        using (session)
        {
            ShouldAgree(actual, classifier.PredictProbabilities(rows));
            session.ModelMetadata.CustomMetadataMap["classes"].ShouldBe(string.Join("\n", classifier.Classes));
        }
    }

    [Fact]
    public void Regressor_OnnxRuntimeOnRawRows_GivesPredictionsInTheTargetsUnits()
    {
        var (rows, _, targets) = TabularData.Regression(60, seed: 8);
        var regressor = new NeuralNetRegressor(new NeuralNetOptions { HiddenLayerSizes = [8], MaxEpochs = 5, LearningRate = 0.01 }).Fit(rows, targets);
        using var dir = new TempDirectory();
        regressor.ExportOnnx(dir.File("model.onnx"));
        var actual = Run(dir.File("model.onnx"), rows, out var session);
        session.Dispose();
        ShouldAgree(actual, regressor.PredictTargets(rows));
        actual[0][0].ShouldBeGreaterThan(20);    // raw units (targets around 100), not standardised ones
    }
}
