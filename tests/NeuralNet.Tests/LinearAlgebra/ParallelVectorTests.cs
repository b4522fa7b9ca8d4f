using System.Numerics.Tensors;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>The optimizer update and the gradient norm on both cores: the update bit-identical, the norm a fixed split.</summary>
public class ParallelVectorTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(ParallelVector.MinLength + 3)]
    [InlineData(78_400)]
    public void MultiplyAdd_IsBitIdenticalToTensorPrimitives(int length)
    {
        var (x, y) = (Random(length, 1), Random(length, 2));
        var expected = new double[length];
        TensorPrimitives.MultiplyAdd(x, -0.37, y, expected);

        ParallelVector.MultiplyAdd(x, -0.37, y, y);   // in place, as θ ← θ − η·g

        y.ShouldBe(expected);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(ParallelVector.MinLength + 3)]
    [InlineData(78_400)]
    public void Norm_IsTheSquareRootOfTheTwoHalvesSumsOfSquares_AndRepeats(int length)
    {
        var x = Random(length, 3);

        double norm = ParallelVector.Norm(x);

        norm.ShouldBe(TensorPrimitives.Norm<double>(x), norm * 1e-14);
        for (int i = 0; i < 20; i++) ParallelVector.Norm(x).ShouldBe(norm);   // exactly: the split does not depend on timing
    }

    private static double[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
    }
}
