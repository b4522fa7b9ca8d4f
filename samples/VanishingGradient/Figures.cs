using NeuralNet.Training;
using ScottPlot;
using SkiaSharp;

namespace VanishingGradient;

/// <summary>
/// The lab's plots, written with ScottPlot as PNG and SVG. Log-scale axes show log₁₀ of the values with labels 10ⁿ;
/// every figure names its layers "hidden layer 1" (next to the input) … and its configurations as in the tables.
/// </summary>
public static class Figures
{
    const string FontName = "DejaVu Sans";

    /// <summary>
    /// Okabe &amp; Ito's colour-blind-safe palette (Okabe &amp; Ito 2008, "Color universal design"; black left out for Nielsen's
    /// numbers): orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow.
    /// </summary>
    static readonly Color[] OkabeIto =
    [
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#009E73"), Color.FromHex("#0072B2"),
        Color.FromHex("#D55E00"), Color.FromHex("#CC79A7"), Color.FromHex("#F0E442"),
    ];

    /// <summary>Hidden layers 1–5: blue, orange, bluish green, vermillion, reddish purple, distinguishable with any colour vision.</summary>
    static readonly Color[] LayerColors = [OkabeIto[3], OkabeIto[0], OkabeIto[2], OkabeIto[4], OkabeIto[5]];

    /// <summary>Each layer also has its own marker, so the lines stay apart in grey print too.</summary>
    static readonly MarkerShape[] LayerMarkers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle];

    static readonly Color[] ConfigurationColors = OkabeIto;

    static readonly MarkerShape[] ConfigurationMarkers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleDown,
    ];

    /// <summary>One entry of a figure's single legend: a line in a colour with a marker, and its text.</summary>
    record LegendEntry(string Text, Color Color, MarkerShape Marker, bool Line = true);

    static LegendEntry[] LayerLegend(int hidden) =>
        Enumerable.Range(0, hidden).Select(l => new LegendEntry($"hidden layer {l + 1}", LayerColors[l % LayerColors.Length], LayerMarkers[l % LayerMarkers.Length])).ToArray();

    /// <summary>
    /// Makes every plot use the DejaVu Sans files shipped in Fonts/ beside the program, so text renders even on a machine
    /// without installed fonts (SkiaSharp's NoDependencies build finds none there, and ScottPlot would draw no text at all).
    /// </summary>
    public static void UseBundledFont()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Fonts");
        Fonts.AddFontFile(FontName, Path.Combine(folder, "DejaVuSans.ttf"), bold: false, italic: false);
        Fonts.AddFontFile(FontName, Path.Combine(folder, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
        Fonts.Default = FontName;
    }

    /// <summary>
    /// Two panels for the deepest network at initialisation, one line per configuration. Left: ‖∂C/∂b‖, Nielsen's "speed of
    /// learning", with his published values, for the configurations without batch norm (a batch-normalised layer has no b,
    /// and its ‖∂C/∂β‖ is small for a reason other than vanishing). Right: ‖∂C/∂W‖/‖W‖, the relative size of a gradient
    /// step, which is honest for every configuration. The slope of a line is how fast the quantity shrinks towards the input.
    /// </summary>
    public static IEnumerable<string> InitialGradients(IReadOnlyList<InitialGradients> rows, string folder)
    {
        int depth = rows[0].HiddenLayers;
        double[] xs = Enumerable.Range(1, depth).Select(l => (double)l).ToArray();
        var book = Nielsen.SpeedsOfLearning(depth);
        var bias = NewPlot();
        bias.Title("‖∂C/∂b‖: Nielsen's speed of learning (no batch norm)", size: 16);
        bias.YLabel("‖∂C/∂b‖, mean over seeds (log scale)", size: 13);
        var ratio = NewPlot();
        ratio.Title("‖∂C/∂W‖ / ‖W‖: relative step size, every configuration", size: 16);
        ratio.YLabel("‖∂C/∂W‖/‖W‖, mean over seeds (log scale)", size: 13);
        var legend = new List<LegendEntry>();
        for (int i = 0; i < rows.Count; i++)
        {
            var color = ConfigurationColors[i % ConfigurationColors.Length];
            var marker = rows[i].Configuration.Activation == "leakyrelu" ? MarkerShape.OpenSquare : MarkerShape.FilledCircle;   // it lies on top of ReLU
            legend.Add(new LegendEntry(rows[i].Configuration.Name, color, marker));
            if (!rows[i].Configuration.BatchNorm) Line(bias, xs, Log10(rows[i].Mean), color, marker);
            Line(ratio, xs, Log10(rows[i].MeanWeightRatio), color, marker);
        }
        if (book is not null)
        {
            var line = bias.Add.Scatter(xs, Log10(book), Colors.Black);
            line.LineWidth = 1;   // solid: SkiaSharp's SVG canvas cannot write dash patterns
            line.MarkerShape = MarkerShape.Cross;
            line.MarkerSize = 12;
            line.MarkerLineWidth = 2;
            legend.Add(new LegendEntry("Nielsen, ch. 5 (sigmoid + LeCun, one initialisation; left panel)", Colors.Black, MarkerShape.Cross));
        }
        foreach (var plot in new[] { bias, ratio })
        {
            plot.XLabel("hidden layer (1 = next to the input)", size: 13);
            LogY(plot);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, xs.Select(x => $"{x:0}").ToArray());
            plot.Axes.SetLimitsX(0.8, depth + 0.2);
        }
        return SaveGrid([bias, ratio], folder, "initial-gradients",
            $"Gradients at initialisation, [784, {string.Join(", ", Enumerable.Repeat(30, depth))}, 10], mean over seeds", legend, panelHeight: 420);

        static void Line(Plot plot, double[] xs, double[] ys, Color color, MarkerShape marker)
        {
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerShape = marker;
            line.MarkerSize = 8;
        }
    }

    /// <summary>
    /// One panel per configuration: ‖∂C/∂b‖ of each hidden layer against the epoch, on a shared log scale. An epoch whose
    /// gradient is exactly 0 (every unit of the layer dead) has no logarithm: it is drawn as a ▼ on the bottom of the axis.
    /// </summary>
    public static IEnumerable<string> GradientNorms(IReadOnlyList<TrainingRun> runs, string folder)
    {
        runs = runs.Where(r => r.Epochs.Count > 0).ToList();
        if (runs.Count == 0) return [];
        var finite = runs.SelectMany(r => r.Hidden.SelectMany(layers => Log10(layers.Select(l => l.BiasGradientNorm)))).Where(double.IsFinite).ToArray();
        double min = Math.Floor(finite.Min()), max = Math.Ceiling(finite.Max());
        bool anyZero = runs.Any(r => r.Hidden.Any(layers => layers.Any(l => l.BiasGradientNorm == 0)));
        var panels = runs.Select(run =>
        {
            var plot = Panel(run, "‖∂C/∂b‖ (log scale)", layers => layers.Select(l => l.BiasGradientNorm), log: true, zeroAt: min);
            plot.Axes.SetLimitsY(min - 0.2, max + 0.05);
            return plot;
        }).ToList();
        var legend = LayerLegend(runs[0].Hidden.First().Count).ToList();
        if (anyZero) legend.Add(new LegendEntry("exactly 0 (every unit dead), drawn on the axis floor", Colors.Gray, MarkerShape.FilledTriangleDown, Line: false));
        return SaveGrid(panels, folder, "gradient-norms", "Speed of learning during training: mean ‖∂C/∂b‖ over each epoch's mini-batches", legend);
    }

    /// <summary>One panel per saturating configuration: the share of each hidden layer's outputs in the flat part of f.</summary>
    public static IEnumerable<string> Saturation(IReadOnlyList<TrainingRun> runs, string folder)
    {
        var saturating = runs.Where(r => r.Configuration.Saturates && r.Epochs.Count > 0).ToList();
        if (saturating.Count == 0) return [];
        var panels = saturating.Select(run =>
        {
            var plot = Panel(run, "saturated outputs (%)", layers => layers.Select(l => 100 * l.SaturatedFraction), log: false);
            plot.Axes.SetLimitsY(-2, 102);
            return plot;
        }).ToList();
        return SaveGrid(panels, folder, "saturation",
            "Saturation during training: share of outputs with σ < 0.05 or σ > 0.95 (tanh: |a| > 0.95)", LayerLegend(saturating[0].Hidden.First().Count));
    }

    /// <summary>
    /// One panel per ReLU configuration: the share of each hidden layer's units that output 0 for every sample of the epoch.
    /// Leaky ReLU is left out: its output is 0 only for z = 0 exactly, so its dead share is 0 by construction.
    /// </summary>
    public static IEnumerable<string> DeadUnits(IReadOnlyList<TrainingRun> runs, string folder)
    {
        var rectifying = runs.Where(r => r.Configuration.CanDie && r.Epochs.Count > 0).ToList();
        if (rectifying.Count == 0) return [];
        var panels = rectifying.Select(run =>
        {
            var plot = Panel(run, "dead units (%)", layers => layers.Select(l => 100 * l.DeadFraction), log: false);
            plot.Axes.SetLimitsY(-2, 102);
            return plot;
        }).ToList();
        return SaveGrid(panels, folder, "dead-units", "Dead units during training: share of units whose output was 0 for every training digit of the epoch",
            LayerLegend(rectifying[0].Hidden.First().Count), subtitle: "leaky ReLU is not shown: its output f(z) = 0.01·z is never 0 for z < 0, so none of its units can die");
    }

    /// <summary>Test accuracy against the epoch, one line per configuration.</summary>
    public static IEnumerable<string> Accuracy(IReadOnlyList<TrainingRun> runs, string folder)
    {
        if (runs.All(r => r.Epochs.Count == 0)) return [];
        var plot = NewPlot();
        int depth = runs.First(r => r.Epochs.Count > 0).Epochs[0].Layers.Count - 1;
        plot.Title($"Test accuracy, [784, {string.Join(", ", Enumerable.Repeat(30, depth))}, 10]");
        plot.XLabel("epoch");
        plot.YLabel("test accuracy (%)");
        for (int i = 0; i < runs.Count; i++)
        {
            var epochs = runs[i].Epochs;
            var line = plot.Add.Scatter(epochs.Select(e => (double)e.Epoch).ToArray(),
                epochs.Select(e => 100 * (e.ValidationAccuracy ?? double.NaN)).ToArray(), ConfigurationColors[i % ConfigurationColors.Length]);
            line.LegendText = runs[i].Configuration.Name;
            line.LineWidth = 2;
            line.MarkerShape = ConfigurationMarkers[i % ConfigurationMarkers.Length];   // colours alone are not enough for 7 lines
            line.MarkerSize = 7;
        }
        plot.Axes.SetLimitsY(0, 100);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Right);
        return Save(plot, folder, "accuracy", 1100, 560);
    }

    /// <summary>
    /// Glorot &amp; Bengio (2010), Figures 2 and 3 (top), from our runs: left, sigmoid, the mean of each hidden layer's activations
    /// with ± one standard deviation as vertical bars; right, tanh, the 2nd and 98th percentiles (markers alone) and the
    /// standard deviation (lines with markers). All measured on the same held-out digits as training goes on.
    /// </summary>
    public static IEnumerable<string> ActivationsDuringTraining(IReadOnlyList<ActivationsRun> runs, string folder)
    {
        var panels = new List<Plot>();
        int hidden = runs[0].Snapshots[0].Mean.Length;
        foreach (var run in runs)
        {
            var plot = NewPlot();
            var xs = run.Snapshots.Select(s => s.Epoch).ToArray();
            plot.XLabel("epoch", size: 13);
            if (run.Activation == "sigmoid")
            {
                plot.Title($"sigmoid: mean ± sd of each layer's output (test accuracy {run.TestAccuracy:P1})", size: 15);
                plot.YLabel("activation σ(z)", size: 13);
                for (int l = 0; l < hidden; l++)
                {
                    var color = LayerColors[l % LayerColors.Length];
                    double[] mean = run.Snapshots.Select(s => s.Mean[l]).ToArray(), sd = run.Snapshots.Select(s => s.StandardDeviation[l]).ToArray();
                    var bars = plot.Add.ErrorBar(xs, mean, sd);
                    bars.Color = color.WithAlpha(0.45);
                    var line = plot.Add.Scatter(xs, mean, color);
                    line.LineWidth = 2;
                    line.MarkerShape = LayerMarkers[l % LayerMarkers.Length];
                    line.MarkerSize = 5;
                }
                plot.Axes.SetLimitsY(-0.05, 1.05);
            }
            else
            {
                plot.Title($"tanh: 2nd/98th percentiles (markers), sd (lines) (test accuracy {run.TestAccuracy:P1})", size: 15);
                plot.YLabel("activation tanh(z)", size: 13);
                for (int l = 0; l < hidden; l++)
                {
                    var color = LayerColors[l % LayerColors.Length];
                    foreach (var percentile in new[] { run.Snapshots.Select(s => s.Percentile98[l]).ToArray(), run.Snapshots.Select(s => s.Percentile2[l]).ToArray() })
                    {
                        var marks = plot.Add.ScatterPoints(xs, percentile, color);
                        marks.MarkerShape = LayerMarkers[l % LayerMarkers.Length];
                        marks.MarkerSize = 5;
                    }
                    var line = plot.Add.Scatter(xs, run.Snapshots.Select(s => s.StandardDeviation[l]).ToArray(), color);
                    line.LineWidth = 2;
                    line.MarkerShape = LayerMarkers[l % LayerMarkers.Length];
                    line.MarkerSize = 4;
                }
                plot.Axes.SetLimitsY(-1.05, 1.05);
            }
            panels.Add(plot);
        }
        return SaveGrid(panels, folder, "activations-during-training",
            $"Glorot & Bengio (2010), Figs. 2 and 3, on MNIST: [784, {string.Join(", ", Enumerable.Repeat(GlorotBengio.HiddenWidth, hidden))}, 10 softmax], W ~ U[−1/√n, 1/√n]",
            LayerLegend(hidden), subtitle: $"activations of each hidden layer on {GlorotBengio.ProbeCount} held-out digits, {GlorotBengio.SnapshotsPerEpoch} times per epoch", panelHeight: 420);
    }

    static Plot Panel(TrainingRun run, string yLabel, Func<IReadOnlyList<LayerReport>, IEnumerable<double>> values, bool log, double? zeroAt = null)
    {
        var plot = NewPlot();
        plot.Title(run.Configuration.Name + (run.Diverged is null ? "" : $" ({run.Diverged})"), size: 16);
        plot.XLabel("epoch", size: 13);
        plot.YLabel(yLabel, size: 13);
        var epochs = run.Epochs.Select(e => (double)e.Epoch).ToArray();
        var perEpoch = run.Hidden.Select(layers => values(layers).ToArray()).ToArray();
        int hidden = perEpoch[0].Length;
        for (int l = 0; l < hidden; l++)
        {
            double[] ys = perEpoch.Select(v => v[l]).ToArray();
            var color = LayerColors[l % LayerColors.Length];
            if (log)
            {
                // A layer whose gradient is exactly 0 (every unit dead) has no logarithm: a ▼ on the axis floor marks those epochs.
                var zero = Enumerable.Range(0, ys.Length).Where(i => ys[i] == 0).ToArray();
                if (zero.Length > 0 && zeroAt is { } floor)
                {
                    var marks = plot.Add.ScatterPoints(zero.Select(i => epochs[i]).ToArray(), zero.Select(_ => floor - 0.11 + 0.03 * l).ToArray(), color);
                    marks.MarkerShape = MarkerShape.FilledTriangleDown;
                    marks.MarkerSize = 9;
                }
                ys = Log10(ys);
            }
            var keep = Enumerable.Range(0, ys.Length).Where(i => double.IsFinite(ys[i])).ToArray();
            var line = plot.Add.Scatter(keep.Select(i => epochs[i]).ToArray(), keep.Select(i => ys[i]).ToArray(), color);
            line.LineWidth = 2;
            line.MarkerShape = LayerMarkers[l % LayerMarkers.Length];
            line.MarkerSize = 5;
        }
        if (log) LogY(plot);
        plot.Axes.SetLimitsX(0.5, epochs.Length + 0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }

    static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    /// <summary>y holds log₁₀ of the values; ticks at whole powers of ten, labelled 10ⁿ, with minor ticks at 2…9 × 10ⁿ.</summary>
    static void LogY(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => "10" + Superscript((int)Math.Round(y)),
        };

    static string Superscript(int n) =>
        string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => c switch
        {
            '-' => '⁻', '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴', '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', _ => '⁹',
        }));

    static double[] Log10(IEnumerable<double> values) => values.Select(v => v > 0 ? Math.Log10(v) : double.NaN).ToArray();

    static IEnumerable<string> Save(Plot plot, string folder, string name, int width, int height)
    {
        string png = Path.Combine(folder, name + ".png"), svg = Path.Combine(folder, name + ".svg");
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        return [png, svg];
    }

    /// <summary>
    /// Lays the panels out two per row under a common title and one legend for all of them (and an optional line of
    /// explanation), and saves the grid as PNG and SVG.
    /// </summary>
    static IEnumerable<string> SaveGrid(List<Plot> panels, string folder, string name, string title, IReadOnlyList<LegendEntry> legend,
        string? subtitle = null, int panelHeight = 330)
    {
        const int columns = 2, panelWidth = 640, titleHeight = 40, legendRow = 26, subtitleHeight = 24;
        int rows = (panels.Count + columns - 1) / columns;
        int width = columns * panelWidth;
        var legendRows = LayoutLegend(legend, width);
        int headerHeight = titleHeight + legendRows.Count * legendRow + (subtitle is null ? 0 : subtitleHeight) + 8;
        int height = rows * panelHeight + headerHeight;

        var multiplot = new Multiplot();
        foreach (var empty in multiplot.GetPlots()) multiplot.RemovePlot(empty);   // a new Multiplot starts with one plot
        foreach (var panel in panels) multiplot.AddPlot(panel);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);

        string png = Path.Combine(folder, name + ".png"), svg = Path.Combine(folder, name + ".svg");
        using (var surface = SKSurface.Create(new SKImageInfo(width, height)))
        {
            Draw(surface.Canvas, multiplot, title, subtitle, legendRows, width, height, headerHeight);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(png);
            data.SaveTo(file);
        }
        using (var file = File.Create(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), file))
            Draw(canvas, multiplot, title, subtitle, legendRows, width, height, headerHeight);
        return [png, svg];
    }

    const float LegendFontSize = 14, LegendSwatch = 34, LegendGap = 26;

    /// <summary>Splits the legend into centred rows that fit the width.</summary>
    static List<List<LegendEntry>> LayoutLegend(IReadOnlyList<LegendEntry> legend, int width)
    {
        using var font = new SKFont(RegularTypeface(), LegendFontSize);
        var rows = new List<List<LegendEntry>> { new() };
        float used = 0;
        foreach (var entry in legend)
        {
            float size = LegendSwatch + 6 + font.MeasureText(entry.Text) + LegendGap;
            if (used + size > width - 40 && rows[^1].Count > 0) { rows.Add([]); used = 0; }
            rows[^1].Add(entry);
            used += size;
        }
        return rows;
    }

    static void Draw(SKCanvas canvas, Multiplot multiplot, string title, string? subtitle, List<List<LegendEntry>> legend, int width, int height, int headerHeight)
    {
        canvas.Clear(SKColors.White);
        canvas.Save();
        canvas.Translate(0, headerHeight);
        multiplot.Render(canvas, new PixelRect(0, width, height - headerHeight, 0));
        canvas.Restore();
        // The header goes on last: rendering the panels paints a white background over the whole canvas.
        using var background = new SKPaint { Color = SKColors.White };
        canvas.DrawRect(0, 0, width, headerHeight, background);
        using var bold = SKTypeface.FromFile(Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans-Bold.ttf"));
        using var titleFont = new SKFont(bold, 20);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, 28, SKTextAlign.Center, titleFont, ink);
        float y = 40;
        using var font = new SKFont(RegularTypeface(), LegendFontSize);
        if (subtitle is not null)
        {
            using var grey = new SKPaint { Color = new SKColor(80, 80, 80), IsAntialias = true };
            canvas.DrawText(subtitle, width / 2f, y + 16, SKTextAlign.Center, font, grey);
            y += 24;
        }
        foreach (var row in legend)
        {
            float rowWidth = row.Sum(e => LegendSwatch + 6 + font.MeasureText(e.Text) + LegendGap) - LegendGap;
            float x = (width - rowWidth) / 2;
            foreach (var entry in row)
            {
                var color = new SKColor(entry.Color.R, entry.Color.G, entry.Color.B);
                using var pen = new SKPaint { Color = color, IsAntialias = true, StrokeWidth = 2.5f, Style = SKPaintStyle.Stroke };
                using var fill = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
                float cy = y + 13, cx = x + LegendSwatch / 2;
                if (entry.Line) canvas.DrawLine(x, cy, x + LegendSwatch, cy, pen);
                DrawMarker(canvas, entry.Marker, cx, cy, fill, pen);
                canvas.DrawText(entry.Text, x + LegendSwatch + 6, cy + 5, SKTextAlign.Left, font, ink);
                x += LegendSwatch + 6 + font.MeasureText(entry.Text) + LegendGap;
            }
            y += 26;
        }
    }

    /// <summary>The legend's copy of a ScottPlot marker, drawn with Skia.</summary>
    static void DrawMarker(SKCanvas canvas, MarkerShape marker, float x, float y, SKPaint fill, SKPaint pen)
    {
        const float r = 5;
        switch (marker)
        {
            case MarkerShape.FilledSquare: canvas.DrawRect(x - r, y - r, 2 * r, 2 * r, fill); break;
            case MarkerShape.OpenSquare: canvas.DrawRect(x - r, y - r, 2 * r, 2 * r, pen); break;
            case MarkerShape.OpenCircle: canvas.DrawCircle(x, y, r, pen); break;
            case MarkerShape.Cross:
                canvas.DrawLine(x - r, y, x + r, y, pen);
                canvas.DrawLine(x, y - r, x, y + r, pen);
                break;
            case MarkerShape.FilledTriangleUp or MarkerShape.FilledTriangleDown or MarkerShape.FilledDiamond:
                using (var path = new SKPath())
                {
                    if (marker == MarkerShape.FilledDiamond) { path.MoveTo(x, y - r); path.LineTo(x + r, y); path.LineTo(x, y + r); path.LineTo(x - r, y); }
                    else if (marker == MarkerShape.FilledTriangleUp) { path.MoveTo(x, y - r); path.LineTo(x + r, y + r); path.LineTo(x - r, y + r); }
                    else { path.MoveTo(x - r, y - r); path.LineTo(x + r, y - r); path.LineTo(x, y + r); }
                    path.Close();
                    canvas.DrawPath(path, fill);
                }
                break;
            default: canvas.DrawCircle(x, y, r, fill); break;
        }
    }

    static SKTypeface RegularTypeface() => Regular.Value;

    static readonly Lazy<SKTypeface> Regular = new(() => SKTypeface.FromFile(Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf")));
}
