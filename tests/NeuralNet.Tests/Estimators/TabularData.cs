namespace NeuralNet.Tests.Estimators;

/// <summary>Seeded synthetic tables, one row per sample, with features on very different scales (so scaling matters).</summary>
internal static class TabularData
{
    /// <summary>Gaussian blobs: class k centred at (2k, −k, 1000·k, 0.01·k) with spreads (1, 1, 500, 0.005); feature 4 is constant.</summary>
    public static (double[][] Rows, string[] Labels) Blobs(int perClass, int classes, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var labels = new List<string>();
        string[] names = ["setosa", "versicolor", "virginica", "other"];
        for (int k = 0; k < classes; k++)
            for (int i = 0; i < perClass; i++)
            {
                rows.Add([2 * k + 0.6 * Normal(random), -k + 0.6 * Normal(random), 1000 * k + 300 * Normal(random), 0.01 * k + 0.003 * Normal(random), 7.0]);
                labels.Add(names[k]);
            }
        return (rows.ToArray(), labels.ToArray());
    }

    /// <summary>y = 100 + 40·x₀ − 0.03·x₁ + 5·sin(x₂) + noise, with x₁ in the thousands; and a second target 2·x₀.</summary>
    public static (double[][] Rows, double[] Y, double[][] Targets) Regression(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new double[n][];
        var y = new double[n];
        var targets = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = [Normal(random), 1000 * Normal(random), 2 * Normal(random)];
            y[i] = 100 + 40 * rows[i][0] - 0.03 * rows[i][1] + 5 * Math.Sin(rows[i][2]) + 0.5 * Normal(random);
            targets[i] = [y[i], 2 * rows[i][0]];
        }
        return (rows, y, targets);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
