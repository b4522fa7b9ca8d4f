using NeuralNet.Preprocessing;

namespace NeuralNet.Tests.Preprocessing;

public class MinMaxScalerTests
{
    [Fact]
    public void Fit_LearnsMinimumAndRange_AndAConstantFeatureGetsRangeOne()
    {
        var scaler = new MinMaxScaler().Fit([[0, 2], [10, 2], [5, 2]]);
        scaler.Offset.ShouldBe([0.0, 2.0]);
        scaler.Scale.ShouldBe([10.0, 1.0]);
        scaler.Transform([[5, 2]])[0].ShouldBe([0.5, 0.0]);
    }

    [Fact]
    public void Transform_DoesNotClipValuesOutsideTheTrainingRange() =>
        new MinMaxScaler().Fit([[0.0], [10.0]]).Transform([[20.0], [-5.0]]).Select(r => r[0]).ShouldBe([2.0, -0.5]);

    [Fact]
    public void SingleRow_IsConstantInEveryFeature() =>
        new MinMaxScaler().Fit([[3.0, -1.0]]).Transform([[3.0, -1.0]])[0].ShouldBe([0.0, 0.0]);

    [Fact]
    public void InverseTransform_UndoesTransform()
    {
        var scaler = new MinMaxScaler().Fit([[1.0, 4.0], [3.0, 8.0]]);
        scaler.InverseTransform(scaler.Transform([[2.0, 5.0]]))[0].ShouldBe([2.0, 5.0]);
    }
}
