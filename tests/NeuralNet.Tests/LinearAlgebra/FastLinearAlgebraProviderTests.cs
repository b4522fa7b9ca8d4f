using System.Reflection;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>Tests that swap MathNet's process-wide provider run alone, and put the previous provider back.</summary>
[CollectionDefinition(nameof(MathNetProviderCollection), DisableParallelization = true)]
public class MathNetProviderCollection;

[Collection(nameof(MathNetProviderCollection))]
public class FastLinearAlgebraProviderTests
{
    private static readonly FastLinearAlgebraProvider Fast = FastLinearAlgebraProvider.Instance;
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;

    [Theory]
    [InlineData(Transpose.DontTranspose, Transpose.DontTranspose, 30, 10, 784)]
    [InlineData(Transpose.DontTranspose, Transpose.Transpose, 30, 784, 10)]
    [InlineData(Transpose.Transpose, Transpose.DontTranspose, 30, 10, 10)]
    [InlineData(Transpose.ConjugateTranspose, Transpose.ConjugateTranspose, 7, 5, 3)]
    [InlineData(Transpose.DontTranspose, Transpose.DontTranspose, 4, 1, 9)]
    [InlineData(Transpose.DontTranspose, Transpose.DontTranspose, 0, 3, 2)]
    public void MatrixMultiplyWithUpdate_MatchesManagedProvider(Transpose opA, Transpose opB, int m, int n, int k)
    {
        var rng = new Random(m * 100 + n * 10 + k);
        (int ra, int ca) = opA == Transpose.DontTranspose ? (m, k) : (k, m);
        (int rb, int cb) = opB == Transpose.DontTranspose ? (k, n) : (n, k);
        double[] a = RandomArray(rng, ra * ca), b = RandomArray(rng, rb * cb), c0 = RandomArray(rng, m * n);
        double[] expected = (double[])c0.Clone(), actual = (double[])c0.Clone();

        Managed.MatrixMultiplyWithUpdate(opA, opB, 1.5, a, ra, ca, b, rb, cb, -0.5, expected);
        Fast.MatrixMultiplyWithUpdate(opA, opB, 1.5, a, ra, ca, b, rb, cb, -0.5, actual);

        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].ShouldBe(expected[i], 1e-12 * (1 + Math.Abs(expected[i])) * k);
        }
    }

    [Fact]
    public void MatrixMultiply_RejectsMismatchedInnerDimensions()
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() =>
            Fast.MatrixMultiply(new double[6], 2, 3, new double[8], 4, 2, new double[4]));
        ex.Message.ShouldContain("Received: op(B) is 4×2");
    }

    [Fact]
    public void Use_IsIdempotent_AndInstallsTheProvider()
    {
        var previous = LinearAlgebraControl.Provider;
        try
        {
            FastLinearAlgebra.Use();
            FastLinearAlgebra.Use();
            FastLinearAlgebra.IsInUse.ShouldBeTrue();
            LinearAlgebraControl.Provider.ShouldBeSameAs(Fast);
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }

    [Fact]
    public void DenseInPlaceProducts_RouteThroughTheProvidersProducts_AndMatchManaged()
    {
        // The layer's three products: Z = W·X, dW = dZ·Xᵀ, dX = Wᵀ·dZ (784-30-10 shapes at batch 10).
        var rng = new Random(11);
        Matrix<double> w = Matrix<double>.Build.Dense(30, 784, (_, _) => rng.NextDouble() - 0.5);
        Matrix<double> x = Matrix<double>.Build.Dense(784, 10, (_, _) => rng.NextDouble());
        Matrix<double> dZ = Matrix<double>.Build.Dense(30, 10, (_, _) => rng.NextDouble() - 0.5);
        var (z, dW, dX) = (Matrix<double>.Build.Dense(30, 10), Matrix<double>.Build.Dense(30, 784), Matrix<double>.Build.Dense(784, 10));
        var (zRef, dWRef, dXRef) = (w * x, dZ * x.Transpose(), w.Transpose() * dZ); // managed provider (default)

        var previous = LinearAlgebraControl.Provider;
        var spy = DispatchProxy.Create<ILinearAlgebraProvider, SpyProvider>();
        var calls = ((SpyProvider)(object)spy).Calls;
        try
        {
            LinearAlgebraControl.Provider = spy;
            w.Multiply(x, z);
            dZ.TransposeAndMultiply(x, dW);
            w.TransposeThisAndMultiply(dZ, dX);
        }
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }

        calls.ShouldBe(new[]
        {
            "MatrixMultiply", // MathNet 5 sends A·B to MatrixMultiply, which the fast provider also implements
            "MatrixMultiplyWithUpdate(DontTranspose, Transpose)",
            "MatrixMultiplyWithUpdate(Transpose, DontTranspose)",
        });
        AssertClose(z, zRef);
        AssertClose(dW, dWRef);
        AssertClose(dX, dXRef);
    }

    private static void AssertClose(Matrix<double> actual, Matrix<double> expected)
    {
        (actual - expected).Enumerate().Max(Math.Abs).ShouldBeLessThan(1e-12 * Math.Max(1, expected.Enumerate().Max(Math.Abs)) * 100);
    }

    private static double[] RandomArray(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

    /// <summary>Records each product call (name and transposes) and forwards everything to the fast provider.</summary>
    public class SpyProvider : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name.StartsWith("MatrixMultiply", StringComparison.Ordinal) && args![0] is Transpose)
            {
                Calls.Add($"{method.Name}({args[0]}, {args[1]})");
            }
            else if (method.Name.StartsWith("MatrixMultiply", StringComparison.Ordinal))
            {
                Calls.Add(method.Name);
            }

            var target = method.DeclaringType!.IsInstanceOfType(Fast) ? (object)Fast : Managed;
            return method.Invoke(target, args);
        }
    }
}
