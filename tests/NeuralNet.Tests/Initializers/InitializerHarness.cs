using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Initializers;

namespace NeuralNet.Tests.Initializers;

/// <summary>Draws a large layer with a seeded <see cref="Random"/> and summarises the draws.</summary>
internal static class InitializerHarness
{
    /// <summary>n_out = 400 rows, n_in = 300 columns: 120,000 weights, so the sample variance is within about 0.4% (normal) of the true one.</summary>
    public const int Outputs = 400, Inputs = 300;

    public static (Matrix<double> Weights, Vector<double> Biases) Draw(IInitializer initializer, int seed, int outputs = Outputs, int inputs = Inputs)
    {
        // NaN everywhere first, so a value the initializer forgets to write cannot pass for a draw
        var weights = Matrix<double>.Build.Dense(outputs, inputs, double.NaN);
        var biases = Vector<double>.Build.Dense(outputs, double.NaN);
        initializer.Initialize(weights, biases, new Random(seed));
        return (weights, biases);
    }

    /// <summary>Sample mean and (population) variance.</summary>
    public static (double Mean, double Variance) Moments(IEnumerable<double> values)
    {
        var array = values.ToArray();
        double mean = array.Average();
        double variance = array.Select(v => (v - mean) * (v - mean)).Average();
        return (mean, variance);
    }

    /// <summary>Asserts mean ≈ 0 (within four standard errors, 4σ/√n) and variance within 3% of <paramref name="variance"/>.</summary>
    public static void ShouldHaveMoments(IEnumerable<double> values, double variance)
    {
        var array = values.ToArray();
        var (mean, actual) = Moments(array);
        Math.Abs(mean).ShouldBeLessThan(4 * Math.Sqrt(variance / array.Length), "mean");
        (actual / variance).ShouldBe(1.0, 0.03, $"variance {actual} against {variance}");
    }

    /// <summary>
    /// Biases from N(0, 1) need many rows for a tight estimate: a 20,000 × 1 layer gives the variance within about 1%.
    /// </summary>
    public static void BiasesShouldBeStandardNormal(IInitializer initializer)
    {
        var (_, biases) = Draw(initializer, seed: 5, outputs: 20_000, inputs: 1);
        ShouldHaveMoments(biases, 1.0);
    }

    public static void BiasesShouldBeZero(IInitializer initializer)
    {
        var (_, biases) = Draw(initializer, seed: 5, outputs: 50, inputs: 3);
        biases.ShouldAllBe(b => b == 0);
    }

    public static void SameSeedShouldGiveSameDraws(IInitializer initializer)
    {
        var (w1, b1) = Draw(initializer, seed: 42, outputs: 7, inputs: 5);
        var (w2, b2) = Draw(initializer, seed: 42, outputs: 7, inputs: 5);
        var (w3, _) = Draw(initializer, seed: 43, outputs: 7, inputs: 5);

        w1.AsColumnMajorArray().ShouldBe(w2.AsColumnMajorArray());
        b1.AsArray().ShouldBe(b2.AsArray());
        w1.AsColumnMajorArray().ShouldNotBe(w3.AsColumnMajorArray());
    }

    public static void ShouldRejectMismatchedBiases(IInitializer initializer)
    {
        var exception = Should.Throw<ArgumentException>(() =>
            initializer.Initialize(Matrix<double>.Build.Dense(3, 2), Vector<double>.Build.Dense(2), new Random(0)));
        exception.Message.ShouldContain("3×2");
    }
}
