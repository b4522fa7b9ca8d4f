using NeuralNet.Metrics;

namespace NeuralNet.Tests.Metrics;

/// <summary>R², RMSE and MAE against hand-computed values (scikit-learn's documentation examples, checked with scikit-learn 1.2.1).</summary>
public class RegressionMetricsTests
{
    private static readonly double[] Actual = [3, -0.5, 2, 7];
    private static readonly double[] Predicted = [2.5, 0.0, 2, 8];

    [Fact]
    public void R2_IsOneMinusResidualOverTotalSumOfSquares() =>
        // SS_res = 0.25 + 0.25 + 0 + 1 = 1.5; ȳ = 2.875, SS_tot = 29.1875; 1 − 1.5 / 29.1875
        RegressionMetrics.R2(Actual, Predicted).ShouldBe(1 - 1.5 / 29.1875, 1e-15);   // 0.9486081370449679

    [Fact]
    public void Rmse_IsTheRootOfTheMeanSquaredError() =>
        RegressionMetrics.Rmse(Actual, Predicted).ShouldBe(Math.Sqrt(1.5 / 4), 1e-15);

    [Fact]
    public void Mae_IsTheMeanAbsoluteError() =>
        RegressionMetrics.Mae(Actual, Predicted).ShouldBe(0.5, 1e-15);

    [Fact]
    public void R2_OfConstantTargets_IsOneForAPerfectFitElseZero()
    {
        RegressionMetrics.R2([2.0, 2.0], [2.0, 2.0]).ShouldBe(1.0);
        RegressionMetrics.R2([2.0, 2.0], [2.0, 3.0]).ShouldBe(0.0);
    }

    [Fact]
    public void R2_OfPredictingTheMean_IsZero_AndWorseIsNegative()
    {
        RegressionMetrics.R2([1.0, 2.0, 3.0], [2.0, 2.0, 2.0]).ShouldBe(0.0, 1e-15);
        RegressionMetrics.R2([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]).ShouldBe(-3.0, 1e-15);   // SS_res 8, SS_tot 2
    }

    [Fact]
    public void SeveralTargets_AreAveragedUniformly()
    {
        double[][] actual = [[0.5, 1], [-1, 1], [7, -6]];
        double[][] predicted = [[0, 2], [-1, 2], [8, -5]];
        RegressionMetrics.R2(actual, predicted).ShouldBe(0.9368005266622779, 1e-12);    // scikit-learn's r2_score example
        RegressionMetrics.Mae(actual, predicted).ShouldBe(0.75, 1e-15);
        RegressionMetrics.Rmse(actual, predicted).ShouldBe((Math.Sqrt(1.25 / 3) + 1) / 2, 1e-15);
    }

    [Fact]
    public void Metrics_RejectMismatchedTargets() =>
        Should.Throw<ArgumentException>(() => RegressionMetrics.Mae([[1.0, 2.0]], [[1.0]])).Message.ShouldContain("predicted[0] has 1");
}
