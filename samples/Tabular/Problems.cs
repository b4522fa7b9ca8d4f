// The four problems of issue 15, each as a user writes it: load the CSV, split 75/25 with a seed, fit with the
// estimator's defaults, score on the held-out quarter. These bodies are what README.md counts as "lines of user code".
// Wine and diabetes set one documented option, the L2 penalty Alpha, chosen by 5-fold cross-validation on the training
// rows only (Program.cs, --select-alpha; the test rows never take part); the other two keep every default.
using NeuralNet.Data;
using NeuralNet.Data.Csv;
using NeuralNet.Estimators;

internal static class Problems
{
    /// <summary>The L2 penalty α for wine and for diabetes: the best mean score of 5-fold cross-validation on the training rows (--select-alpha).</summary>
    public const double WineAlpha = 30, DiabetesAlpha = 10;

    /// <summary>Breast cancer, binary: malignant or benign from 30 measurements of cell nuclei. Test accuracy.</summary>
    public static double BreastCancer(string dataFolder)
    {
        var table = CsvTable.Load(Path.Combine(dataFolder, "breast-cancer.csv"), "diagnosis");
        var split = TrainTestSplit.Stratified(table.Rows, table.Labels, testFraction: 0.25, seed: 0);
        var classifier = new NeuralNetClassifier<string>().Fit(split.TrainRows, split.TrainLabels);
        return classifier.Score(split.TestRows, split.TestLabels);
    }

    /// <summary>Wine, 3 classes: the cultivar from 13 chemical measurements. Test accuracy.</summary>
    public static double Wine(string dataFolder)
    {
        var table = CsvTable.Load(Path.Combine(dataFolder, "wine.csv"), "cultivar");
        var split = TrainTestSplit.Stratified(table.Rows, table.Labels, testFraction: 0.25, seed: 0);
        var classifier = new NeuralNetClassifier<string>(new NeuralNetOptions { Alpha = WineAlpha }).Fit(split.TrainRows, split.TrainLabels);
        return classifier.Score(split.TestRows, split.TestLabels);
    }

    /// <summary>8×8 digits, 10 classes: the digit from 64 pixel intensities (0–16). Test accuracy.</summary>
    public static double Digits(string dataFolder)
    {
        var table = CsvTable.Load(Path.Combine(dataFolder, "digits.csv"), "digit");
        var split = TrainTestSplit.Stratified(table.Rows, table.Labels, testFraction: 0.25, seed: 0);
        var classifier = new NeuralNetClassifier<string>().Fit(split.TrainRows, split.TrainLabels);
        return classifier.Score(split.TestRows, split.TestLabels);
    }

    /// <summary>Diabetes, regression: disease progression after one year from 10 baseline variables. Test R².</summary>
    public static double Diabetes(string dataFolder)
    {
        var table = CsvTable.Load(Path.Combine(dataFolder, "diabetes.csv"), "progression");
        var split = TrainTestSplit.Split(table.Rows, table.NumericLabels(), testFraction: 0.25, seed: 0);
        var regressor = new NeuralNetRegressor(new NeuralNetOptions { Alpha = DiabetesAlpha }).Fit(split.TrainRows, split.TrainLabels);
        return regressor.Score(split.TestRows, split.TestLabels);
    }
}
