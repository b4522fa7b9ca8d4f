using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Data.Csv;
using NeuralNet.Estimators;
using NeuralNet.Preprocessing;
using NeuralNet.Serialization;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Estimators;

public class NeuralNetClassifierTests
{
    private static readonly NeuralNetOptions Quick = new() { HiddenLayerSizes = [16], LearningRate = 0.01, MaxEpochs = 60 };

    [Fact]
    public void Fit_ThreeClassesOfStrings_LearnsThem_WithSortedClassesAndProbabilitiesThatSumToOne()
    {
        var (rows, labels) = TabularData.Blobs(60, 3, seed: 1);
        var split = TrainTestSplit.Stratified(rows, labels, 0.25, seed: 0);
        var classifier = new NeuralNetClassifier<string>(Quick with { EarlyStopping = true }).Fit(split.TrainRows, split.TrainLabels);

        classifier.Classes.ShouldBe(["setosa", "versicolor", "virginica"]);
        classifier.Network.ToString().ShouldBe("Network[5→16 ReLU, 16→3 Softmax]");
        classifier.Score(split.TestRows, split.TestLabels).ShouldBeGreaterThanOrEqualTo(0.95);
        classifier.PredictProbabilities(split.TestRows).ShouldAllBe(p => p.Length == 3 && Math.Abs(p.Sum() - 1) < 1e-12);
        classifier.Scaler.ShouldBeOfType<StandardScaler>().Scale[4].ShouldBe(1.0);       // the constant feature
        var history = classifier.TrainingHistory!;
        history.Epochs.ShouldAllBe(e => e.ValidationAccuracy != null && e.Layers.Count == 2);   // early stopping on a validation set
    }

    [Fact]
    public void Fit_TwoClassesOfInts_UsesOneSigmoidOutput_AndGivesBothProbabilities()
    {
        var (rows, names) = TabularData.Blobs(50, 2, seed: 2);
        int[] labels = names.Select(n => n == "setosa" ? 4 : 9).ToArray();
        var classifier = new NeuralNetClassifier<int>(Quick).Fit(rows, labels);

        classifier.Classes.ShouldBe([4, 9]);
        classifier.Network.OutputSize.ShouldBe(1);
        var p = classifier.PredictProbabilities(rows);
        var predicted = classifier.Predict(rows);
        for (int i = 0; i < rows.Length; i++)
        {
            (p[i][0] + p[i][1]).ShouldBe(1.0, 1e-15);
            predicted[i].ShouldBe(p[i][1] >= 0.5 ? 9 : 4);
        }
        classifier.Score(rows, labels).ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void Fit_TwiceWithTheSameOptions_GivesTheSameModel_BecauseEachFitHasItsOwnOptimizer()
    {
        var (rows, labels) = TabularData.Blobs(30, 3, seed: 3);
        var options = Quick with { MaxEpochs = 5, EarlyStopping = false };
        var first = new NeuralNetClassifier<string>(options);
        var a = first.Fit(rows, labels).PredictProbabilities(rows);
        var b = first.Fit(rows, labels).PredictProbabilities(rows);                        // the same estimator again
        var c = new NeuralNetClassifier<string>(options).Fit(rows, labels).PredictProbabilities(rows);   // another one sharing the options
        b.ShouldBe(a);
        c.ShouldBe(a);
        new NeuralNetClassifier<string>(options with { Seed = 1 }).Fit(rows, labels).PredictProbabilities(rows).ShouldNotBe(a);
    }

    [Fact]
    public void Fit_OnASquareMatrix_ReadsOneRowPerSample()
    {
        // 5 samples × 5 features: the core would take this matrix as 5 columns; the estimator takes rows, as double[][] does.
        var (rows, labels) = TabularData.Blobs(30, 2, seed: 4);
        var square = rows.Take(5).ToArray();
        var options = Quick with { MaxEpochs = 3, EarlyStopping = false };
        var fromArrays = new NeuralNetClassifier<string>(options).Fit(rows, labels).PredictProbabilities(square);
        var fromMatrix = new NeuralNetClassifier<string>(options).Fit(Matrix<double>.Build.DenseOfRowArrays(rows), labels)
            .PredictProbabilities(Matrix<double>.Build.DenseOfRowArrays(square));
        fromMatrix.ShouldBe(fromArrays);
    }

    [Fact]
    public void Fit_OnItemsWithSelectors_EqualsFitOnRows()
    {
        var (rows, labels) = TabularData.Blobs(20, 2, seed: 5);
        var items = rows.Select((r, i) => (Features: r, Label: labels[i])).ToList();
        var options = Quick with { MaxEpochs = 3 };
        var a = new NeuralNetClassifier<string>(options).Fit(items, x => x.Features, x => x.Label).Predict(items, x => x.Features);
        a.ShouldBe(new NeuralNetClassifier<string>(options).Fit(rows, labels).Predict(rows));
    }

    [Fact]
    public void Fit_RejectsBadInput_WithClearMessages()
    {
        var c = new NeuralNetClassifier<string>(Quick);
        Should.Throw<ArgumentException>(() => c.Fit([[1.0], [2.0]], ["a"])).Message.ShouldContain("2 rows and 1 labels");
        Should.Throw<ArgumentException>(() => c.Fit([[1.0], [2.0]], ["a", "a"])).Message.ShouldContain("at least two classes");
        Should.Throw<ArgumentException>(() => c.Fit([[1.0], [double.PositiveInfinity]], ["a", "b"])).Message.ShouldContain("rows[1][0] is Infinity");
        Should.Throw<InvalidOperationException>(() => c.Predict([[1.0]])).Message.ShouldContain("not fitted");
        var fitted = new NeuralNetClassifier<string>(Quick with { MaxEpochs = 1, EarlyStopping = false }).Fit([[1.0, 2.0], [2.0, 1.0]], ["a", "b"]);
        Should.Throw<ArgumentException>(() => fitted.Predict([[1.0]])).Message.ShouldContain("must have 2 features");
    }

    [Fact]
    public void SaveAndLoad_GiveIdenticalPredictionsFromRawRows_WithScalerAndClassesInTheFile()
    {
        var (rows, labels) = TabularData.Blobs(30, 3, seed: 6);
        var classifier = new NeuralNetClassifier<string>(Quick with { MaxEpochs = 10 }).Fit(rows, labels);
        using var dir = new TempDirectory();
        classifier.Save(dir.File("model.json"), new ModelInfo { Description = "blobs" });

        string json = File.ReadAllText(dir.File("model.json"));
        json.ShouldContain("\"formatVersion\": 2,");
        json.ShouldContain("\"kind\": \"classifier\"");
        json.ShouldContain("\"classes\": [");
        json.ShouldContain("\"inputScaler\": {");
        var loaded = NeuralNetClassifier<string>.Load(dir.File("model.json"));
        loaded.Classes.ShouldBe(classifier.Classes);
        loaded.PredictProbabilities(rows).ShouldBe(classifier.PredictProbabilities(rows));     // bit for bit
        loaded.Predict(rows).ShouldBe(classifier.Predict(rows));
        Network.Load(dir.File("model.json")).ToString().ShouldBe(classifier.Network.ToString());   // still a network file
    }

    [Fact]
    public void Load_RejectsTheWrongLabelType_APlainNetwork_AndABadScaler_NamingTheField()
    {
        var classifier = new NeuralNetClassifier<int>(Quick with { MaxEpochs = 1 }).Fit([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]], [1, 2, 1]);
        using var dir = new TempDirectory();
        string path = dir.File("model.json");
        classifier.Save(path);
        Should.Throw<InvalidDataException>(() => NeuralNetClassifier<string>.Load(path)).Message.ShouldContain("estimator.labelType is \"System.Int32\"");
        Should.Throw<InvalidDataException>(() => NeuralNetRegressor.Load(path)).Message.ShouldContain("estimator.kind is \"classifier\", expected \"regressor\"");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"scale\": [", "\"scale\": [0, "));
        Should.Throw<InvalidDataException>(() => NeuralNetClassifier<int>.Load(path)).Message.ShouldContain($"{path}: estimator.inputScaler.scale has 3 values, expected 2");
        classifier.Network.Save(path);
        Should.Throw<InvalidDataException>(() => NeuralNetClassifier<int>.Load(path)).Message.ShouldContain("estimator is missing");
    }

    [Fact]
    public void BreastCancer_WithTheDefaults_ReachesTheIssuesAccuracy()
    {
        var table = CsvTable.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast-cancer.csv"), "diagnosis");
        var split = TrainTestSplit.Stratified(table.Rows, table.Labels, testFraction: 0.25, seed: 0);
        var classifier = new NeuralNetClassifier<string>().Fit(split.TrainRows, split.TrainLabels);
        classifier.Score(split.TestRows, split.TestLabels).ShouldBeGreaterThanOrEqualTo(0.965);   // issue 15: at least 0.965
    }
}
