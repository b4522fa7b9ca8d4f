namespace NeuralNet.Data;

/// <summary>
/// Seeded train/test splits of data given as one row per sample: random (<see cref="Split{TLabel}"/>) or stratified, so
/// that every class keeps its share in both parts (<see cref="Stratified{TLabel}"/>), as scikit-learn's
/// <c>train_test_split(…, stratify=y)</c>.
/// </summary>
/// <remarks>
/// <para>The test part gets ⌈fraction · n⌉ samples (scikit-learn's rounding), the training part the rest; both must be
/// non-empty. The same seed gives the same split on every run and machine (<see cref="Random"/>(seed), Fisher–Yates).</para>
/// <para>Stratified: class c with n_c samples gets ⌊fraction · n_c⌋ test samples, and the test samples still missing go to
/// the classes with the largest remainders (ties: the class seen first), so the classes' shares differ from the whole
/// data's by less than one sample. Each class keeps at least one training sample.</para>
/// <para>All methods are pure and thread-safe.</para>
/// </remarks>
public static class TrainTestSplit
{
    /// <summary>A random split of <paramref name="rows"/> and <paramref name="labels"/>.</summary>
    /// <param name="rows">One row per sample.</param>
    /// <param name="labels">One label (or target) per row.</param>
    /// <param name="testFraction">Share of the test part, strictly between 0 and 1; default 0.25.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="ArgumentException">Rows and labels differ in number, or a part would be empty.</exception>
    public static DataSplit<TLabel> Split<TLabel>(double[][] rows, IReadOnlyList<TLabel> labels, double testFraction = 0.25, int seed = 0)
    {
        Check(rows, labels);
        var (train, test) = Indices(rows.Length, testFraction, seed);
        return Gather(rows, labels, train, test);
    }

    /// <summary>A stratified split: each class has (nearly) the same share in the training and the test part.</summary>
    /// <param name="rows">One row per sample.</param>
    /// <param name="labels">One class label per row.</param>
    /// <param name="testFraction">Share of the test part, strictly between 0 and 1; default 0.25.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">Rows and labels differ in number, or a part would be empty.</exception>
    public static DataSplit<TLabel> Stratified<TLabel>(double[][] rows, IReadOnlyList<TLabel> labels, double testFraction = 0.25, int seed = 0)
        where TLabel : notnull
    {
        Check(rows, labels);
        var (train, test) = StratifiedIndices(labels, testFraction, seed);
        return Gather(rows, labels, train, test);
    }

    /// <summary>The indices of a random split of <paramref name="count"/> samples: (training, test), each in shuffled order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1) or leaves a part empty.</exception>
    public static (int[] Train, int[] Test) Indices(int count, double testFraction, int seed)
    {
        int testCount = TestCount(count, testFraction);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return (order[testCount..], order[..testCount]);
    }

    /// <summary>The indices of a stratified split: (training, test), each in shuffled order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1) or leaves a part empty.</exception>
    public static (int[] Train, int[] Test) StratifiedIndices<TLabel>(IReadOnlyList<TLabel> labels, double testFraction, int seed)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(labels);
        int testCount = TestCount(labels.Count, testFraction);
        var random = new Random(seed);
        var groups = new Dictionary<TLabel, List<int>>();
        var classes = new List<List<int>>();      // in order of first appearance
        for (int i = 0; i < labels.Count; i++)
        {
            if (!groups.TryGetValue(labels[i], out var members))
            {
                groups[labels[i]] = members = [];
                classes.Add(members);
            }
            members.Add(i);
        }
        // ⌊fraction·n_c⌋ per class, then the remaining test samples to the largest remainders (never a class's last sample).
        var perClass = classes.Select(c => (int)Math.Floor(testFraction * c.Count)).ToArray();
        int missing = testCount - perClass.Sum();
        foreach (int c in Enumerable.Range(0, classes.Count).OrderByDescending(c => testFraction * classes[c].Count - perClass[c]).ThenBy(c => c))
        {
            if (missing <= 0) break;
            if (perClass[c] + 1 < classes[c].Count) { perClass[c]++; missing--; }
        }
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < classes.Count; c++)
        {
            var members = classes[c].ToArray();
            random.Shuffle(members);
            test.AddRange(members[..perClass[c]]);
            train.AddRange(members[perClass[c]..]);
        }
        var (trainOrder, testOrder) = (train.ToArray(), test.ToArray());
        random.Shuffle(trainOrder);
        random.Shuffle(testOrder);
        return (trainOrder, testOrder);
    }

    private static int TestCount(int count, double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"Expected a test fraction strictly between 0 and 1. Received: testFraction={testFraction}.");
        int testCount = (int)Math.Ceiling(testFraction * count - 1e-9 * count);   // ⌈f·n⌉, robust to 0.25·n landing a hair above an integer
        if (testCount < 1 || testCount >= count)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                $"Expected a test fraction that leaves both parts non-empty. Received: testFraction={testFraction} of {count} samples gives {testCount} test samples.");
        return testCount;
    }

    private static void Check<TLabel>(double[][] rows, IReadOnlyList<TLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Length != labels.Count)
            throw new ArgumentException($"Expected one label per row. Received: {rows.Length} rows and {labels.Count} labels.", nameof(labels));
    }

    private static DataSplit<TLabel> Gather<TLabel>(double[][] rows, IReadOnlyList<TLabel> labels, int[] train, int[] test) =>
        new(train.Select(i => rows[i]).ToArray(), train.Select(i => labels[i]).ToArray(),
            test.Select(i => rows[i]).ToArray(), test.Select(i => labels[i]).ToArray());
}
