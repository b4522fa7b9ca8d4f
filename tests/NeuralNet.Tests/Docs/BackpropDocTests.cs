using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Tracing;
using NeuralNet.Tracing;

namespace NeuralNet.Tests.Docs;

/// <summary>docs/backprop.md's worked example is the real output of `samples/Xor --trace`, so it cannot drift from the code.</summary>
public class BackpropDocTests
{
    [Fact]
    public void WorkedExample_IsTheCurrentXorTrace()
    {
        var blocks = CodeBlocksCompileTests.AllBlocks().Where(b => b.File == "docs/backprop.md" && b.Language == "text").ToArray();
        var pasted = blocks.SingleOrDefault(b => b.Code.StartsWith("Backprop trace of", StringComparison.Ordinal));
        pasted.ShouldNotBeNull("docs/backprop.md must contain the output of `dotnet run --project samples/Xor -- --trace` in a ```text block");

        // The sample's settings: 2-3-1 Tanh/Sigmoid, Xavier-uniform seed 7, quadratic cost, SGD momentum 0.9, η = 0.5.
        var trace = TraceFixtures.Xor().Trace(TraceFixtures.XorInputs, TraceFixtures.XorTargets, new MeanSquaredError(), new Sgd(momentum: 0.9), learningRate: 0.5);
        pasted.Code.ReplaceLineEndings("\n").ShouldBe(trace.ToString().ReplaceLineEndings("\n"),
            "regenerate the worked example with `dotnet run --project samples/Xor -- --trace`");
    }
}
