using System.Globalization;
using NeuralNet.Estimators;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Estimators;

/// <summary>
/// Save here, load in a new process (samples/Tabular's <c>--predict</c>): the other process, given raw rows, prints exactly
/// the labels and probabilities (or values) this one predicts.
/// </summary>
public class CrossProcessTests
{
    private static string RunTabular(params string[] args)
    {
        var (exit, output, error) = TabularSampleTests.Run(args);
        exit.ShouldBe(0, error);
        return output;
    }

    private static void WriteCsv(string path, double[][] rows, IEnumerable<string> labels) =>
        File.WriteAllLines(path, new[] { "x0,x1,x2,x3,x4,label" }.Concat(rows.Zip(labels, (r, l) =>
            string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," + l)));

    [Fact]
    public void Classifier_SavedHere_PredictsTheSameInANewProcess()
    {
        var (rows, labels) = TabularData.Blobs(20, 3, seed: 9);
        var classifier = new NeuralNetClassifier<string>(new NeuralNetOptions { HiddenLayerSizes = [8], MaxEpochs = 5, LearningRate = 0.01 }).Fit(rows, labels);
        using var dir = new TempDirectory();
        classifier.Save(dir.File("model.json"));
        WriteCsv(dir.File("rows.csv"), rows, labels);

        var lines = RunTabular("--csv", dir.File("rows.csv"), "--label", "label", "--predict", dir.File("model.json"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expectedLabels = classifier.Predict(rows);
        var expectedProbabilities = classifier.PredictProbabilities(rows);
        lines.Length.ShouldBe(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            var fields = lines[i].Trim().Split(' ');
            fields[0].ShouldBe(expectedLabels[i]);
            fields.Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ShouldBe(expectedProbabilities[i]);   // bit for bit ("R")
        }
    }

    [Fact]
    public void Regressor_SavedHere_PredictsTheSameInANewProcess()
    {
        var (rows, y, _) = TabularData.Regression(30, seed: 10);
        var five = rows.Select(r => r.Concat(new[] { 1.0, 2.0 }).ToArray()).ToArray();      // five features, as WriteCsv's header says
        var regressor = new NeuralNetRegressor(new NeuralNetOptions { HiddenLayerSizes = [8], MaxEpochs = 5 }).Fit(five, y);
        using var dir = new TempDirectory();
        regressor.Save(dir.File("model.json"));
        WriteCsv(dir.File("rows.csv"), five, y.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

        var values = RunTabular("--csv", dir.File("rows.csv"), "--label", "label", "--task", "regression", "--predict", dir.File("model.json"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture));
        values.ShouldBe(regressor.Predict(five));
    }
}
