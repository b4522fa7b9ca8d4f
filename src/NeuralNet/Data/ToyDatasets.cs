using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Data;

/// <summary>
/// Seeded two-class point sets in the plane, x = (x₁, x₂) ∈ ℝ²: the classic problems on which one watches a small network
/// bend its decision boundary (XOR, circles, two moons, two spirals, Gaussian clusters; see <see cref="ToyDataset"/>).
/// </summary>
/// <remarks>
/// <para><b>Shapes.</b> Each generator returns a <see cref="Dataset"/> with <see cref="Dataset.Inputs"/> 2 × n (one column
/// per sample: row 0 is x₁, row 1 is x₂), <see cref="Dataset.Labels"/> in {0, 1} and one-hot <see cref="Dataset.Targets"/> 2 × n.
/// The clean shapes lie in about [−1, 1]².</para>
/// <para><b>Class balance.</b> Sample j has label j mod 2, so the classes alternate and class 0 has ⌈n/2⌉ samples, class 1 ⌊n/2⌋.</para>
/// <para><b>Noise.</b> Every sample is a point of the clean shape plus noise · (ε₁, ε₂) with ε₁, ε₂ ~ N(0, 1), as the
/// <c>noise</c> of scikit-learn's <c>make_moons</c>: the standard deviation of the Gaussian displacement of each coordinate.
/// ε is drawn even when noise = 0, so one seed gives the same clean points and the same ε for every noise level, and
/// raising the noise only moves the points further along the same directions.</para>
/// <para><b>Determinism.</b> All draws come, sample after sample, from one <see cref="Random"/>(seed): the same arguments give
/// bit-identical data on every run.</para>
/// <para>Thread-safe: the class has no state.</para>
/// </remarks>
/// <example><code>
/// var (train, test) = ToyDatasets.GenerateSplit(ToyDataset.Spirals, count: 400, noise: 0.05, trainFraction: 0.5, seed: 1);
/// Console.WriteLine(train);   // Dataset[200 samples, 2 features, 2 classes]
/// </code></example>
public static class ToyDatasets
{
    /// <summary>Standard deviation of each Gaussian cluster of <see cref="GaussianClusters"/> before noise is added.</summary>
    public const double ClusterSpread = 0.25;

    /// <summary>Generates n points of the given shape; see the generator named by <paramref name="kind"/>.</summary>
    /// <param name="kind">Which point set.</param>
    /// <param name="count">n ≥ 2, the number of samples (so that both classes have one).</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate; 0 for the clean shape.</param>
    /// <param name="seed">Seed of the one <see cref="Random"/> that every draw comes from.</param>
    /// <returns>A dataset with inputs 2 × n and labels j mod 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a <see cref="ToyDataset"/>, n &lt; 2, or the noise is negative, NaN or infinite.</exception>
    public static Dataset Generate(ToyDataset kind, int count, double noise = 0, int seed = 0) => kind switch
    {
        ToyDataset.Xor => Xor(count, noise, seed),
        ToyDataset.Circles => Circles(count, noise, seed),
        ToyDataset.Moons => Moons(count, noise, seed),
        ToyDataset.Spirals => Spirals(count, noise, seed),
        ToyDataset.GaussianClusters => GaussianClusters(count, noise, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind,
            $"Expected one of {string.Join(", ", Enum.GetNames<ToyDataset>())}. Received: kind={kind}."),
    };

    /// <summary>
    /// Generates n points (as <see cref="Generate"/>) and splits them at random into a training and a test set:
    /// <see cref="Dataset.Split(double, int)"/> with the same seed, the training set getting round(trainFraction · n) samples.
    /// </summary>
    /// <param name="kind">Which point set.</param>
    /// <param name="count">n ≥ 2, the number of samples of both sets together.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate.</param>
    /// <param name="trainFraction">The training set's share, in (0, 1), leaving both sets non-empty.</param>
    /// <param name="seed">Seed of the points and of the split.</param>
    /// <returns>(training set, test set), together the n generated samples.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (see <see cref="Generate"/>), or
    /// <paramref name="trainFraction"/> is not in (0, 1) or leaves a set empty.</exception>
    public static (Dataset Train, Dataset Test) GenerateSplit(ToyDataset kind, int count, double noise, double trainFraction, int seed)
    {
        var all = Generate(kind, count, noise, seed);
        int trainCount = (int)Math.Round(trainFraction * count, MidpointRounding.AwayFromZero);
        if (!(trainFraction > 0 && trainFraction < 1) || trainCount < 1 || trainCount >= count)
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction,
                $"Expected a fraction in (0, 1) that leaves both sets non-empty. Received: trainFraction={trainFraction} of {count} samples.");
        var (train, test) = all.Split(trainFraction, seed);
        return (train, test);
    }

    /// <summary>
    /// XOR: x₁ = s·u₁, x₂ = ±s·u₂ with a random sign s and magnitudes u₁, u₂ ~ U(0.1, 1); class 1 (same signs, x₁·x₂ &gt; 0)
    /// in the first and third quadrants, class 0 in the second and fourth. Not linearly separable: one hidden layer is needed.
    /// </summary>
    /// <param name="count">n ≥ 2.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>Inputs 2 × n, labels j mod 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2, or the noise is negative, NaN or infinite.</exception>
    public static Dataset Xor(int count, double noise = 0, int seed = 0) => Build(count, noise, seed, static (label, random) =>
    {
        double sign = random.NextDouble() < 0.5 ? -1 : 1;
        double x1 = sign * Uniform(random, 0.1, 1);
        double x2 = (label == 1 ? sign : -sign) * Uniform(random, 0.1, 1);
        return (x1, x2);
    });

    /// <summary>
    /// Circles: class 1 uniform on the disk r ≤ ½, class 0 uniform on the ring ¾ ≤ r ≤ 1, at a uniform angle θ ~ U(0, 2π):
    /// x = (r cos θ, r sin θ). Separable by one closed curve.
    /// </summary>
    /// <param name="count">n ≥ 2.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>Inputs 2 × n, labels j mod 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2, or the noise is negative, NaN or infinite.</exception>
    public static Dataset Circles(int count, double noise = 0, int seed = 0) => Build(count, noise, seed, static (label, random) =>
    {
        double theta = 2 * Math.PI * random.NextDouble();
        // uniform over the area: r² is uniform between the inner and the outer radius squared
        double r = label == 1 ? Math.Sqrt(Uniform(random, 0, 0.25)) : Math.Sqrt(Uniform(random, 0.5625, 1));
        return (r * Math.Cos(theta), r * Math.Sin(theta));
    });

    /// <summary>
    /// Two moons (scikit-learn's <c>make_moons</c>, centred and scaled by ⅔): with t ~ U(0, π), class 0 is
    /// x = ⅔·(cos t − ½, sin t − ¼) and class 1 the same arc turned by 180°, x = ⅔·(½ − cos t, ¼ − sin t).
    /// </summary>
    /// <param name="count">n ≥ 2.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>Inputs 2 × n in about [−1, 1] × [−½, ½], labels j mod 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2, or the noise is negative, NaN or infinite.</exception>
    public static Dataset Moons(int count, double noise = 0, int seed = 0) => Build(count, noise, seed, static (label, random) =>
    {
        double t = Math.PI * random.NextDouble();
        double sign = label == 0 ? 1 : -1;
        return (sign * 2.0 / 3.0 * (Math.Cos(t) - 0.5), sign * 2.0 / 3.0 * (Math.Sin(t) - 0.25));
    });

    /// <summary>
    /// Two spirals: with t ~ U(0, 1), x = (t cos θ, t sin θ) at θ = 3.5π·t + label·π, so each arm makes 1¾ turns and the
    /// two arms interleave. The hardest of the five: it needs several layers or many units.
    /// </summary>
    /// <param name="count">n ≥ 2.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>Inputs 2 × n in the unit disk, labels j mod 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2, or the noise is negative, NaN or infinite.</exception>
    public static Dataset Spirals(int count, double noise = 0, int seed = 0) => Build(count, noise, seed, static (label, random) =>
    {
        double t = random.NextDouble();
        double theta = 3.5 * Math.PI * t + label * Math.PI;
        return (t * Math.Cos(theta), t * Math.Sin(theta));
    });

    /// <summary>
    /// Two Gaussian clusters: x ~ N(μ, <see cref="ClusterSpread"/>²·I) with μ = (−½, −½) for class 0 and (½, ½) for class 1.
    /// Linearly separable (nearly, at this spread): a network without hidden layers suffices.
    /// </summary>
    /// <param name="count">n ≥ 2.</param>
    /// <param name="noise">σ ≥ 0 of the Gaussian displacement of each coordinate, on top of the clusters' own spread.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <returns>Inputs 2 × n, labels j mod 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 2, or the noise is negative, NaN or infinite.</exception>
    public static Dataset GaussianClusters(int count, double noise = 0, int seed = 0) => Build(count, noise, seed, static (label, random) =>
    {
        double centre = label == 1 ? 0.5 : -0.5;
        return (centre + ClusterSpread * Normal(random), centre + ClusterSpread * Normal(random));
    });

    /// <summary>For j = 0 … n − 1: label j mod 2, a clean point of the shape, then noise · (ε₁, ε₂).</summary>
    private static Dataset Build(int count, double noise, int seed, Func<int, Random, (double X1, double X2)> shape)
    {
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected at least 2 samples, so that both classes have one. Received: count={count}.");
        if (!(noise >= 0) || double.IsInfinity(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"Expected a finite noise level ≥ 0 (the standard deviation of the displacement). Received: noise={noise}.");
        var random = new Random(seed);
        var inputs = new double[2 * count];   // column-major 2 × n: sample j at [2j, 2j + 1]
        var labels = new int[count];
        for (int j = 0; j < count; j++)
        {
            labels[j] = j % 2;
            var (x1, x2) = shape(labels[j], random);
            inputs[2 * j] = x1 + noise * Normal(random);
            inputs[2 * j + 1] = x2 + noise * Normal(random);
        }
        return new Dataset(Matrix<double>.Build.Dense(2, count, inputs), labels, classCount: 2);
    }

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>ε ~ N(0, 1) by the Box–Muller transform, √(−2 ln u₁)·cos(2π u₂) with u₁ ∈ (0, 1] (as the initialisers draw).</summary>
    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}
