using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VanishingGradient;

/// <summary>
/// The lab's numbers as files, to open in a spreadsheet or a notebook: CSV with one row per measured value (long format,
/// a header row, invariant culture, full round-trip precision) and the per-epoch training results also as JSON.
/// </summary>
public static class Results
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // NaN, when a statistic was not collected
    };

    /// <summary>initial-gradients.csv: configuration, hidden_layers, seed, layer, bias_gradient_norm, weight_gradient_ratio.</summary>
    public static string InitialGradients(IEnumerable<InitialGradients> rows, int firstSeed, string folder)
    {
        var csv = new StringBuilder("configuration,hidden_layers,seed,layer,bias_gradient_norm,weight_gradient_ratio\n");
        foreach (var row in rows)
            for (int s = 0; s < row.PerSeed.Length; s++)
                for (int l = 0; l < row.HiddenLayers; l++)
                    csv.Append(Csv(row.Configuration.Key, row.HiddenLayers, firstSeed + s, l + 1, row.PerSeed[s][l], row.PerSeedWeightRatio[s][l]));
        return Write(folder, "initial-gradients.csv", csv.ToString());
    }

    /// <summary>
    /// training.csv (configuration, learning_rate, epoch, loss, test_accuracy, layer, bias_gradient_norm,
    /// weight_gradient_norm, activation_mean, activation_std, saturated_fraction, dead_fraction; layer counts from 1, the
    /// last is the output layer) and training.json (the same, nested: configuration → epochs → layers).
    /// </summary>
    public static IEnumerable<string> Training(IReadOnlyList<TrainingRun> runs, TrainingSettings settings, string folder)
    {
        var csv = new StringBuilder("configuration,learning_rate,epoch,loss,test_accuracy,layer,bias_gradient_norm,weight_gradient_norm,activation_mean,activation_std,saturated_fraction,dead_fraction\n");
        foreach (var run in runs)
            foreach (var epoch in run.Epochs)
                foreach (var layer in epoch.Layers)
                    csv.Append(Csv(run.Configuration.Key, run.Configuration.LearningRate ?? settings.LearningRate, epoch.Epoch, epoch.Loss, epoch.ValidationAccuracy ?? double.NaN,
                        layer.Layer + 1, layer.BiasGradientNorm, layer.WeightGradientNorm, layer.ActivationMean, layer.ActivationStd, layer.SaturatedFraction, layer.DeadFraction));
        var json = new
        {
            settings.Epochs, settings.BatchSize, settings.LearningRate, settings.Seed,
            Cost = "binary cross-entropy on 10 sigmoid outputs",
            Configurations = runs.Select(run => new
            {
                Name = run.Configuration.Name, run.Configuration.Key, LearningRate = run.Configuration.LearningRate ?? settings.LearningRate, run.Diverged,
                Epochs = run.Epochs.Select(e => new
                {
                    e.Epoch, e.Loss, TestAccuracy = e.ValidationAccuracy,
                    Layers = e.Layers.Select(l => new
                    {
                        Layer = l.Layer + 1, l.BiasGradientNorm, l.WeightGradientNorm, l.ActivationMean, l.ActivationStd, l.SaturatedFraction, l.DeadFraction,
                    }),
                }),
            }),
        };
        return [Write(folder, "training.csv", csv.ToString()), Write(folder, "training.json", JsonSerializer.Serialize(json, Json) + "\n")];
    }

    /// <summary>activations-during-training.csv: activation, epoch, layer, mean, std, percentile_2, percentile_98 (Glorot &amp; Bengio's figures).</summary>
    public static string Activations(IEnumerable<ActivationsRun> runs, string folder)
    {
        var csv = new StringBuilder("activation,epoch,layer,mean,std,percentile_2,percentile_98\n");
        foreach (var run in runs)
            foreach (var s in run.Snapshots)
                for (int l = 0; l < s.Mean.Length; l++)
                    csv.Append(Csv(run.Activation, s.Epoch, l + 1, s.Mean[l], s.StandardDeviation[l], s.Percentile2[l], s.Percentile98[l]));
        return Write(folder, "activations-during-training.csv", csv.ToString());
    }

    static string Csv(params object[] values) =>
        string.Join(",", values.Select(v => v switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            string s when s.Contains(',') || s.Contains('"') => "\"" + s.Replace("\"", "\"\"") + "\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        })) + "\n";

    static string Write(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
