namespace NeuralNet.Metrics;

/// <summary>
/// Classification metrics on true and predicted labels of any type (e.g. <c>string</c> or <c>int</c>), with scikit-learn's
/// definitions: accuracy, the confusion matrix, precision, recall and F1 per class and macro-averaged, and the ROC AUC of a
/// binary classifier's scores.
/// </summary>
/// <remarks>
/// <para>For class c: TP = #{i : yᵢ = c, ŷᵢ = c}, FP = #{i : yᵢ ≠ c, ŷᵢ = c}, FN = #{i : yᵢ = c, ŷᵢ ≠ c}. An undefined ratio
/// (0/0) counts as 0, as scikit-learn's <c>zero_division=0</c>.</para>
/// <para>The classes, where not given, are the distinct labels of both lists in ascending order
/// (<see cref="Comparer{T}.Default"/>). All methods are pure and thread-safe.</para>
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>Accuracy = (1/n) Σᵢ [yᵢ = ŷᵢ], the share of samples predicted correctly.</summary>
    /// <exception cref="ArgumentException">The lists differ in length (both named) or are empty.</exception>
    public static double Accuracy<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted)
    {
        SameLength(actual, predicted);
        var equal = EqualityComparer<TLabel>.Default;
        int correct = 0;
        for (int i = 0; i < actual.Count; i++)
            if (equal.Equals(actual[i], predicted[i])) correct++;
        return (double)correct / actual.Count;
    }

    /// <summary>
    /// Accuracy of one sigmoid output: sample i is predicted positive when pᵢ ≥ <paramref name="threshold"/>, and
    /// accuracy = (1/n) Σᵢ [[pᵢ ≥ t] = yᵢ] with yᵢ ∈ {0, 1}.
    /// </summary>
    /// <param name="labels">The true classes, 0 or 1.</param>
    /// <param name="probabilities">pᵢ = P(class 1 | xᵢ), e.g. a network's single sigmoid output.</param>
    /// <param name="threshold">t, default 0.5.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a label is neither 0 nor 1 (index and value named).</exception>
    public static double Accuracy(IReadOnlyList<int> labels, IReadOnlyList<double> probabilities, double threshold = 0.5)
    {
        SameLength(labels, probabilities);
        int correct = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not (0 or 1))
                throw new ArgumentException($"Expected binary labels, 0 or 1. Received: labels[{i}]={labels[i]}.", nameof(labels));
            if ((probabilities[i] >= threshold ? 1 : 0) == labels[i]) correct++;
        }
        return (double)correct / labels.Count;
    }

    /// <summary>
    /// The confusion matrix C with <b>rows = true class, columns = predicted class</b>, in the order of
    /// <paramref name="classes"/>: C[t, p] = #{i : yᵢ = classes[t], ŷᵢ = classes[p]}.
    /// </summary>
    /// <param name="actual">The true labels.</param>
    /// <param name="predicted">The predicted labels.</param>
    /// <param name="classes">The classes in the order of the rows and columns; null for the distinct labels of both lists, ascending.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a label is not among <paramref name="classes"/>.</exception>
    public static int[,] ConfusionMatrix<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted, IReadOnlyList<TLabel>? classes = null)
        where TLabel : notnull
    {
        SameLength(actual, predicted);
        classes ??= ClassesOf(actual, predicted);
        var index = new Dictionary<TLabel, int>();
        for (int k = 0; k < classes.Count; k++) index.TryAdd(classes[k], k);
        var confusion = new int[classes.Count, classes.Count];
        for (int i = 0; i < actual.Count; i++)
            confusion[IndexOf(index, actual[i], i, nameof(actual)), IndexOf(index, predicted[i], i, nameof(predicted))]++;
        return confusion;
    }

    /// <summary>Precision, recall, F1 and support of every class, in ascending class order (scikit-learn's <c>classification_report</c>).</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static IReadOnlyList<ClassScores<TLabel>> PerClass<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted)
        where TLabel : notnull
    {
        var classes = ClassesOf(actual, predicted);
        var c = ConfusionMatrix(actual, predicted, classes);
        var scores = new ClassScores<TLabel>[classes.Count];
        for (int k = 0; k < classes.Count; k++)
        {
            int tp = c[k, k], predictedK = 0, actualK = 0;
            for (int other = 0; other < classes.Count; other++)
            {
                predictedK += c[other, k];
                actualK += c[k, other];
            }
            double precision = Ratio(tp, predictedK), recall = Ratio(tp, actualK);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores[k] = new ClassScores<TLabel>(classes[k], precision, recall, f1, actualK);
        }
        return scores;
    }

    /// <summary>Precision of <paramref name="positiveClass"/>: TP / (TP + FP); 0 when it is never predicted.</summary>
    public static double Precision<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted, TLabel positiveClass) where TLabel : notnull =>
        Of(actual, predicted, positiveClass).Precision;

    /// <summary>Recall of <paramref name="positiveClass"/>: TP / (TP + FN); 0 when it has no samples.</summary>
    public static double Recall<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted, TLabel positiveClass) where TLabel : notnull =>
        Of(actual, predicted, positiveClass).Recall;

    /// <summary>F1 of <paramref name="positiveClass"/>: 2·P·R / (P + R); 0 when P = R = 0.</summary>
    public static double F1<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted, TLabel positiveClass) where TLabel : notnull =>
        Of(actual, predicted, positiveClass).F1;

    /// <summary>Macro precision: the unweighted mean of every class's precision, (1/K) Σ_c P_c.</summary>
    public static double MacroPrecision<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted) where TLabel : notnull =>
        PerClass(actual, predicted).Average(s => s.Precision);

    /// <summary>Macro recall: (1/K) Σ_c R_c.</summary>
    public static double MacroRecall<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted) where TLabel : notnull =>
        PerClass(actual, predicted).Average(s => s.Recall);

    /// <summary>Macro F1: (1/K) Σ_c F1_c, the mean of the per-class F1 scores (not the F1 of the macro precision and recall), as scikit-learn's <c>f1_score(average="macro")</c>.</summary>
    public static double MacroF1<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted) where TLabel : notnull =>
        PerClass(actual, predicted).Average(s => s.F1);

    /// <summary>
    /// Area under the ROC curve of a binary classifier: the probability that a random positive sample scores higher than a
    /// random negative one, AUC = (1 / (n₊·n₋)) Σ_{i positive} Σ_{j negative} ([sᵢ &gt; sⱼ] + ½[sᵢ = sⱼ]) (the Mann–Whitney U
    /// statistic; ties count half, as the trapezoidal area does).
    /// </summary>
    /// <param name="actual">The true labels.</param>
    /// <param name="scores">sᵢ, higher meaning "more likely positive" (e.g. P(positive | xᵢ)).</param>
    /// <param name="positiveClass">Which label is positive; every other label is negative.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or only one of the two classes occurs (AUC is undefined).</exception>
    public static double RocAuc<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<double> scores, TLabel positiveClass)
    {
        SameLength(actual, scores);
        var equal = EqualityComparer<TLabel>.Default;
        // Sort by score; the rank sum of the positives gives U = R₊ − n₊(n₊ + 1)/2, with tied scores sharing their mean rank.
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double meanRank = (start + end) / 2.0 + 1;     // ranks are 1-based
            for (int k = start; k <= end; k++)
                if (equal.Equals(actual[order[k]], positiveClass))
                {
                    positiveRankSum += meanRank;
                    positives++;
                }
            start = end + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException(
                $"ROC AUC needs both classes. Received: {positives} positive ({positiveClass}) and {negatives} negative samples.", nameof(actual));
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    private static ClassScores<TLabel> Of<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted, TLabel positiveClass) where TLabel : notnull
    {
        var equal = EqualityComparer<TLabel>.Default;
        SameLength(actual, predicted);
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            bool isPositive = equal.Equals(actual[i], positiveClass), predictedPositive = equal.Equals(predicted[i], positiveClass);
            if (isPositive && predictedPositive) tp++;
            else if (predictedPositive) fp++;
            else if (isPositive) fn++;
        }
        double precision = Ratio(tp, tp + fp), recall = Ratio(tp, tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScores<TLabel>(positiveClass, precision, recall, f1, tp + fn);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static List<TLabel> ClassesOf<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted) =>
        actual.Concat(predicted).Distinct().Order().ToList();

    private static int IndexOf<TLabel>(Dictionary<TLabel, int> index, TLabel label, int i, string name) where TLabel : notnull =>
        index.TryGetValue(label, out int k) ? k
            : throw new ArgumentException($"{name}[{i}] is \"{label}\", which is not one of the classes ({string.Join(", ", index.Keys)}).", name);

    internal static void SameLength<TA, TB>(IReadOnlyList<TA> actual, IReadOnlyList<TB> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"Expected one prediction per sample. Received: {actual.Count} true values and {predicted.Count} predictions.", nameof(predicted));
        if (actual.Count == 0)
            throw new ArgumentException("Expected at least one sample. Received: 0.", nameof(actual));
    }
}
