namespace NeuralNet.Metrics;

/// <summary>Precision, recall and F1 of one class, treating it as "positive" and every other class as "negative".</summary>
/// <param name="Class">The class.</param>
/// <param name="Precision">TP / (TP + FP): of the samples predicted as this class, the share that are; 0 when none is predicted.</param>
/// <param name="Recall">TP / (TP + FN): of the samples of this class, the share found; 0 when the class has no samples.</param>
/// <param name="F1">2·P·R / (P + R), the harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">The number of samples whose true class is this one (TP + FN).</param>
public sealed record ClassScores<TLabel>(TLabel Class, double Precision, double Recall, double F1, int Support);
