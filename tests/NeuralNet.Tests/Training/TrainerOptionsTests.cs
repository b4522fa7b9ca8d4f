using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class TrainerOptionsTests
{
    [Fact]
    public void Defaults_AreDocumented()
    {
        var options = new TrainerOptions();

        (options.Epochs, options.BatchSize, options.LearningRate, options.WeightDecay, options.Seed).ShouldBe((10, 32, 0.1, 0.0, 0));
        options.Shuffle.ShouldBeTrue();
        options.CollectDiagnostics.ShouldBeTrue();
        options.Loss.ShouldBeOfType<MeanSquaredError>();
        options.Optimizer.ShouldBeOfType<Sgd>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Epochs_RejectsNonPositiveValues(int epochs)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new TrainerOptions { Epochs = epochs });

        exception.Message.ShouldContain($"Epochs={epochs}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void BatchSize_RejectsNonPositiveValues(int batchSize)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new TrainerOptions { BatchSize = batchSize });

        exception.Message.ShouldContain($"BatchSize={batchSize}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LearningRate_RejectsValuesThatAreNotFiniteAndPositive(double learningRate)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new TrainerOptions { LearningRate = learningRate });

        exception.ParamName.ShouldBe("LearningRate");
        exception.Message.ShouldContain($"LearningRate={learningRate}");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void WeightDecay_RejectsNegativeOrNonFiniteValues(double weightDecay)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => new TrainerOptions { WeightDecay = weightDecay });

        exception.Message.ShouldContain($"WeightDecay={weightDecay}");
    }

    [Fact]
    public void WeightDecay_AcceptsZero()
    {
        new TrainerOptions { WeightDecay = 0 }.WeightDecay.ShouldBe(0);
    }

    [Fact]
    public void LossAndOptimizer_RejectNull()
    {
        Should.Throw<ArgumentNullException>(() => new TrainerOptions { Loss = null! });
        Should.Throw<ArgumentNullException>(() => new TrainerOptions { Optimizer = null! });
    }

    [Fact]
    public void With_ValidatesTheChangedValue()
    {
        var options = new TrainerOptions { Epochs = 5 };

        Should.Throw<ArgumentOutOfRangeException>(() => options with { Epochs = 0 });
        (options with { BatchSize = 7 }).ShouldSatisfyAllConditions(o => o.Epochs.ShouldBe(5), o => o.BatchSize.ShouldBe(7));
    }
}
