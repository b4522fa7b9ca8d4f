using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tracing;

/// <summary>
/// Prints a <see cref="BackpropTrace"/> as aligned tables, in the order a student would compute it by hand:
/// input and target, the forward pass layer by layer, the cost, the backward pass from the output layer down, the update.
/// </summary>
/// <remarks>
/// <para>Rows are units (j = 1, 2, …); columns are samples (s1, s2, …), or inputs (k = 1, 2, …) for W, ∂C/∂W and ΔW, so
/// W[j, k] is Nielsen's wʲₖ. Each value's header gives its formula, its shape and, in brackets, the equation it comes
/// from (see <see cref="TraceEquations"/>).</para>
/// <para>A matrix larger than <see cref="TraceFormatOptions.MaxRows"/> × <see cref="TraceFormatOptions.MaxColumns"/>
/// is summarised on one line (min, max, mean and the Frobenius norm ‖·‖), so a 784-30-10 network prints in a few dozen lines.
/// Numbers use the invariant culture. The formatter returns a string; it never writes to the console.</para>
/// </remarks>
public static class TraceFormatter
{
    private const string Indent = "  ";

    /// <summary>Formats <paramref name="trace"/> with <paramref name="options"/> (default: <see cref="TraceFormatOptions.Default"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trace"/> is null.</exception>
    public static string Format(BackpropTrace trace, TraceFormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        options ??= TraceFormatOptions.Default;
        var text = new StringBuilder();
        var layers = trace.Layers;

        text.AppendLine($"Backprop trace of {trace.Network}");
        text.Append($"{Indent}loss {trace.Loss}, optimizer {trace.Optimizer}, η = {Number(trace.LearningRate, options)}");
        if (trace.WeightDecay > 0) text.Append($", weight decay λ = {Number(trace.WeightDecay, options)}");
        text.AppendLine($", m = {trace.BatchSize} sample{(trace.BatchSize == 1 ? "" : "s")}");
        text.AppendLine($"{Indent}Rows are units j; columns are samples s (or inputs k, for W). [Brackets] name the equation.");
        text.AppendLine();
        Value(text, new TracedValue("x", "x = a⁰, the input", TraceEquations.Given, TraceStage.Forward, trace.Inputs, true), options, "");
        Value(text, new TracedValue("y", "y, the target", TraceEquations.Given, TraceStage.Forward, trace.Targets, true), options, "");

        text.AppendLine();
        text.AppendLine("FORWARD PASS");
        foreach (var layer in layers)
        {
            LayerHeading(text, layer);
            foreach (var v in layer.Values)
                if (v.Stage == TraceStage.Forward && v.Equation != TraceEquations.Given) Value(text, v, options, Indent);
        }
        text.AppendLine($"C = {Number(trace.Cost, options)}   ({trace.Loss}, averaged over the {trace.BatchSize} sample{(trace.BatchSize == 1 ? "" : "s")})");

        text.AppendLine();
        text.AppendLine("BACKWARD PASS");
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            LayerHeading(text, layers[l]);
            foreach (var v in layers[l].Values)
                if (v.Stage == TraceStage.Backward) Value(text, v, options, Indent);
        }

        text.AppendLine();
        text.AppendLine($"UPDATE by {trace.Optimizer}, η = {Number(trace.LearningRate, options)}: θ ← θ + Δθ");
        foreach (var layer in layers)
        {
            LayerHeading(text, layer);
            foreach (var v in layer.Values)
                if (v.Stage == TraceStage.Update) Value(text, v, options, Indent);
        }
        return text.ToString();
    }

    /// <summary>
    /// A number with <see cref="TraceFormatOptions.SignificantDigits"/> significant digits, in fixed-point notation
    /// (trailing zeros dropped) between 10⁻⁴ and 10⁷, in exponent notation outside; invariant culture.
    /// </summary>
    public static string Number(double value, TraceFormatOptions? options = null)
    {
        int digits = (options ?? TraceFormatOptions.Default).SignificantDigits;
        if (value == 0) return "0";
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        double abs = Math.Abs(value);
        if (abs < 1e-4 || abs >= 1e7) return value.ToString("G" + digits, CultureInfo.InvariantCulture);
        int magnitude = (int)Math.Floor(Math.Log10(abs));
        int decimals = Math.Max(0, digits - 1 - magnitude);
        string s = value.ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (s.Contains('.')) s = s.TrimEnd('0').TrimEnd('.');
        return s == "-0" ? "0" : s;
    }

    private static void LayerHeading(StringBuilder text, LayerTrace layer) =>
        text.AppendLine($"Layer {layer.Index + 1}: {layer.Description}{(layer.IsOutputLayer ? " (output)" : "")}");

    /// <summary>One value: a header line (formula, shape, [equation]) and either a table or a one-line summary.</summary>
    private static void Value(StringBuilder text, TracedValue value, TraceFormatOptions options, string indent)
    {
        var m = value.Value;
        text.Append($"{indent}{value.Formula}   {m.RowCount}×{m.ColumnCount}   [{value.Equation}]");
        if (m.RowCount > options.MaxRows || m.ColumnCount > options.MaxColumns)
        {
            text.AppendLine($"   min {Number(m.Enumerate().Min(), options)}, max {Number(m.Enumerate().Max(), options)}, " +
                            $"mean {Number(m.Enumerate().Average(), options)}, ‖·‖ {Number(m.FrobeniusNorm(), options)}");
            return;
        }
        text.AppendLine();
        Table(text, m, value.ColumnsAreSamples, options, indent + Indent);
    }

    /// <summary>Rows labelled j=1…, columns s1… (samples) or k=1… (inputs); numbers aligned on the decimal point.</summary>
    private static void Table(StringBuilder text, Matrix<double> m, bool columnsAreSamples, TraceFormatOptions options, string indent)
    {
        var cells = new string[m.RowCount, m.ColumnCount];
        int left = 1, right = 0;
        for (int r = 0; r < m.RowCount; r++)
            for (int c = 0; c < m.ColumnCount; c++)
            {
                string s = Number(m[r, c], options);
                cells[r, c] = s;
                int dot = s.IndexOf('.');
                left = Math.Max(left, dot < 0 ? s.Length : dot);
                right = Math.Max(right, dot < 0 ? 0 : s.Length - dot);
            }
        string[] headers = Enumerable.Range(1, m.ColumnCount)
            .Select(c => m.ColumnCount == 1 && !columnsAreSamples ? "" : columnsAreSamples ? $"s{c}" : $"k={c}").ToArray();
        int width = Math.Max(left + right, headers.Max(h => h.Length));
        string rowLabel(int r) => $"j={r + 1}";
        int labelWidth = rowLabel(m.RowCount - 1).Length;

        if (headers.Any(h => h.Length > 0))
        {
            var header = new StringBuilder(indent).Append(' ', labelWidth);
            foreach (var h in headers) header.Append("  ").Append(h.PadLeft(left).PadRight(width));
            text.AppendLine(header.ToString().TrimEnd());
        }
        for (int r = 0; r < m.RowCount; r++)
        {
            var line = new StringBuilder(indent).Append(rowLabel(r).PadRight(labelWidth));
            for (int c = 0; c < m.ColumnCount; c++)
            {
                string s = cells[r, c];
                int dot = s.IndexOf('.');
                string whole = dot < 0 ? s : s[..dot], fraction = dot < 0 ? "" : s[dot..];
                line.Append("  ").Append(whole.PadLeft(left)).Append(fraction.PadRight(width - left));
            }
            text.AppendLine(line.ToString().TrimEnd());
        }
    }
}
