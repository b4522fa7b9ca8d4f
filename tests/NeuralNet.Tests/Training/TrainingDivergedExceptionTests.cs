using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class TrainingDivergedExceptionTests
{
    [Fact]
    public void Message_NamesWhereAndWhyAndSuggestsASmallerLearningRate()
    {
        var exception = new TrainingDivergedException(epoch: 3, batch: 7, loss: double.NaN, learningRate: 2.5, what: "the loss became NaN");

        (exception.Epoch, exception.Batch, exception.LearningRate).ShouldBe((3, 7, 2.5));
        double.IsNaN(exception.Loss).ShouldBeTrue();
        exception.Message.ShouldContain("epoch 3, mini-batch 7");
        exception.Message.ShouldContain("the loss became NaN");
        exception.Message.ShouldContain($"smaller learning rate than {2.5}, e.g. {0.25}");
    }
}
