using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>Tests that swap MathNet's process-wide provider run alone, and put the previous provider back.</summary>
[CollectionDefinition(nameof(MathNetProviderCollection), DisableParallelization = true)]
public class MathNetProviderCollection;

/// <summary>
/// NeuralNet has no process-wide side effect: creating, training and predicting leave MathNet's provider as it was, and
/// the layers' products go to the GEMM kernel directly, never through MathNet's provider.
/// </summary>
[Collection(nameof(MathNetProviderCollection))]
public class NoProcessWideProviderTests
{
    [Fact]
    public void CreatingAndTrainingANetwork_LeavesMathNetsProviderAlone_AndNeverCallsIt()
    {
        var previous = LinearAlgebraControl.Provider;
        var spy = DispatchProxy.Create<ILinearAlgebraProvider, SpyProvider>();
        var calls = ((SpyProvider)(object)spy).Calls;
        try
        {
            LinearAlgebraControl.Provider = spy;
            var network = new Network(new Layer(784, 30, new Sigmoid()), new Layer(30, 10, new Softmax(), batchNorm: true, dropout: 0.1));
            var x = TestData.Uniform(784, 20, seed: 1, low: 0, high: 1);
            var y = TestData.OneHot(10, 20, seed: 2);
            new Trainer(network, new TrainerOptions { Epochs = 2, BatchSize = 10, Loss = new CategoricalCrossEntropy() }).Train(x, y);
            network.Predict(x);
            network.Backpropagate(x, y, new CategoricalCrossEntropy());

            LinearAlgebraControl.Provider.ShouldBeSameAs(spy);        // nothing replaced it
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
        calls.ShouldBeEmpty();                                         // Z = W·X, dW = dZ·Xᵀ/m, dX = Wᵀ·dZ all went to Gemm
    }

    /// <summary>Records each product call and forwards everything to MathNet's managed provider.</summary>
    public class SpyProvider : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name.StartsWith("MatrixMultiply", StringComparison.Ordinal)) Calls.Add(method.Name);
            return method.Invoke(ManagedLinearAlgebraProvider.Instance, args);
        }
    }
}
