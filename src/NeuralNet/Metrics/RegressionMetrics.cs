namespace NeuralNet.Metrics;

/// <summary>
/// Regression metrics, with scikit-learn's definitions: the coefficient of determination R², the root mean squared error
/// and the mean absolute error, for one target (<c>double[]</c>) or several (<c>double[][]</c>, one row per sample,
/// averaged uniformly over the targets as scikit-learn's <c>multioutput="uniform_average"</c>).
/// </summary>
/// <remarks>All methods are pure and thread-safe.</remarks>
public static class RegressionMetrics
{
    /// <summary>
    /// R² = 1 − SS_res / SS_tot with SS_res = Σᵢ (yᵢ − ŷᵢ)² and SS_tot = Σᵢ (yᵢ − ȳ)²: 1 for a perfect fit, 0 for always
    /// predicting the mean ȳ, negative for worse. For constant targets (SS_tot = 0): 1 if the fit is perfect, else 0 (as scikit-learn).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double R2(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ClassificationMetrics.SameLength(actual, predicted);
        double mean = actual.Average(), residual = 0, total = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        if (total == 0) return residual == 0 ? 1.0 : 0.0;
        return 1 - residual / total;
    }

    /// <summary>RMSE = √((1/n) Σᵢ (yᵢ − ŷᵢ)²), in the units of y.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Rmse(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ClassificationMetrics.SameLength(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Count; i++) sum += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
        return Math.Sqrt(sum / actual.Count);
    }

    /// <summary>MAE = (1/n) Σᵢ |yᵢ − ŷᵢ|, in the units of y.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Mae(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ClassificationMetrics.SameLength(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Count; i++) sum += Math.Abs(actual[i] - predicted[i]);
        return sum / actual.Count;
    }

    /// <summary>R² of each target (column k of the rows), averaged: (1/K) Σₖ R²ₖ.</summary>
    /// <exception cref="ArgumentException">Different numbers of rows or targets, or no rows.</exception>
    public static double R2(double[][] actual, double[][] predicted) => PerTarget(actual, predicted, R2);

    /// <summary>RMSE of each target, averaged: (1/K) Σₖ RMSEₖ.</summary>
    /// <exception cref="ArgumentException">Different numbers of rows or targets, or no rows.</exception>
    public static double Rmse(double[][] actual, double[][] predicted) => PerTarget(actual, predicted, Rmse);

    /// <summary>MAE of each target, averaged: (1/K) Σₖ MAEₖ.</summary>
    /// <exception cref="ArgumentException">Different numbers of rows or targets, or no rows.</exception>
    public static double Mae(double[][] actual, double[][] predicted) => PerTarget(actual, predicted, Mae);

    private static double PerTarget(double[][] actual, double[][] predicted, Func<IReadOnlyList<double>, IReadOnlyList<double>, double> metric)
    {
        ClassificationMetrics.SameLength(actual, predicted);
        int targets = actual[0].Length;
        for (int i = 0; i < actual.Length; i++)
            if (actual[i].Length != targets || predicted[i].Length != targets)
                throw new ArgumentException(
                    $"Expected {targets} targets in every row. Received: actual[{i}] has {actual[i].Length}, predicted[{i}] has {predicted[i].Length}.", nameof(predicted));
        double sum = 0;
        for (int k = 0; k < targets; k++)
            sum += metric(actual.Select(r => r[k]).ToArray(), predicted.Select(r => r[k]).ToArray());
        return sum / targets;
    }
}
