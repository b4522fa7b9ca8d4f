using NeuralNet.Preprocessing;

namespace NeuralNet.Tests.Preprocessing;

public class StandardScalerTests
{
    [Fact]
    public void Fit_LearnsTheMeanAndPopulationStandardDeviation_AndAConstantFeatureGetsScaleOne()
    {
        var scaler = new StandardScaler().Fit([[1, 5], [3, 5], [5, 5]]);
        scaler.Offset.ShouldBe([3.0, 5.0]);
        scaler.Scale[0].ShouldBe(Math.Sqrt(8.0 / 3), 1e-15);    // √(((1−3)² + 0 + (5−3)²) / 3)
        scaler.Scale[1].ShouldBe(1.0);                          // constant: no division by 0
        var x = scaler.Transform([[1, 5], [7, 6]]);
        x[0][0].ShouldBe(-2 / Math.Sqrt(8.0 / 3), 1e-15);
        x[0][1].ShouldBe(0.0);                                  // the constant feature maps to 0
        x[1][1].ShouldBe(1.0);                                  // and a new value to its distance from it
    }

    [Fact]
    public void Fit_StaysExactForLargeOffsets()
    {
        // Σx² − n·μ² would lose every digit here; two passes give σ = √(2/3).
        var scaler = new StandardScaler().Fit([[1e9 + 1], [1e9 + 2], [1e9 + 3]]);
        scaler.Scale[0].ShouldBe(Math.Sqrt(2.0 / 3), 1e-12);
    }

    [Fact]
    public void InverseTransform_UndoesTransform()
    {
        double[][] rows = [[1.5, -2], [0.25, 8], [3, 3]];
        var scaler = new StandardScaler().Fit(rows);
        var back = scaler.InverseTransform(scaler.Transform(rows));
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < 2; j++)
                back[i][j].ShouldBe(rows[i][j], 1e-14);
    }

    [Fact]
    public void Transform_BeforeFit_Throws() =>
        Should.Throw<InvalidOperationException>(() => new StandardScaler().Transform([[1.0]])).Message.ShouldContain("not fitted");

    [Fact]
    public void Transform_RejectsTheWrongNumberOfFeatures_NamingBoth() =>
        Should.Throw<ArgumentException>(() => new StandardScaler().Fit([[1.0, 2.0]]).Transform([[1.0, 2.0, 3.0]]))
            .Message.ShouldContain("rows[0] has 3 features, but the scaler was fitted on 2");

    [Fact]
    public void Fit_RejectsNaN_NamingRowAndColumn() =>
        Should.Throw<ArgumentException>(() => new StandardScaler().Fit([[1.0, 2.0], [3.0, double.NaN]])).Message.ShouldContain("rows[1][1] is NaN");

    [Fact]
    public void Fit_RejectsRaggedRowsAndNoRows()
    {
        Should.Throw<ArgumentException>(() => new StandardScaler().Fit([[1.0, 2.0], [3.0]])).Message.ShouldContain("rows[1] has 1 values, but rows[0] has 2");
        Should.Throw<ArgumentException>(() => new StandardScaler().Fit([])).Message.ShouldContain("at least one row");
    }
}
