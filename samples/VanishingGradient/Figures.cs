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

    /// <summary>Nielsen's colours for hidden layers 1–4 (generate_gradient.py), and a purple for a fifth.</summary>
    static readonly Color[] LayerColors = [Color.FromHex("#2A6EA6"), Color.FromHex("#FF9A1F"), Color.FromHex("#E03C3C"), Color.FromHex("#3DAA3D"), Color.FromHex("#7A4FC9")];

    static readonly Color[] ConfigurationColors = new ScottPlot.Palettes.Category10().Colors;

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
    /// ‖∂C/∂b‖ per hidden layer at initialisation (mean over the seeds), one line per configuration, and Nielsen's published
    /// values where the book has them: the slope of each line is how fast the gradient vanishes towards the input.
    /// </summary>
    public static IEnumerable<string> InitialGradients(IReadOnlyList<InitialGradients> rows, string folder)
    {
        int depth = rows[0].HiddenLayers;
        var plot = NewPlot();
        plot.Title($"Speed of learning at initialisation, [784, {string.Join(", ", Enumerable.Repeat(30, depth))}, 10]");
        plot.XLabel("hidden layer (1 = next to the input)");
        plot.YLabel("‖∂C/∂b‖, mean over seeds (log scale)");
        double[] xs = Enumerable.Range(1, depth).Select(l => (double)l).ToArray();
        for (int i = 0; i < rows.Count; i++)
        {
            var line = plot.Add.Scatter(xs, Log10(rows[i].Mean), ConfigurationColors[i % ConfigurationColors.Length]);
            line.LegendText = rows[i].Configuration.Name;
            line.LineWidth = 2;
            if (rows[i].Configuration.Activation == "leakyrelu") line.MarkerShape = MarkerShape.OpenSquare;   // it lies on top of ReLU
            line.MarkerSize = 8;
        }
        if (Nielsen.SpeedsOfLearning(depth) is { } book)
        {
            var line = plot.Add.Scatter(xs, Log10(book), Colors.Black);
            line.LegendText = "Nielsen, ch. 5 (sigmoid + LeCun, one initialisation)";
            line.LineWidth = 1;   // solid: SkiaSharp's SVG canvas cannot write dash patterns
            line.MarkerShape = MarkerShape.Cross;
            line.MarkerSize = 12;
            line.MarkerLineWidth = 2;
        }
        LogY(plot);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, xs.Select(x => $"{x:0}").ToArray());
        plot.Axes.SetLimitsX(0.8, depth + 0.2);
        plot.ShowLegend(Edge.Right);
        return Save(plot, folder, "initial-gradients", 1100, 560);
    }

    /// <summary>One panel per configuration: ‖∂C/∂b‖ of each hidden layer against the epoch, on a shared log scale.</summary>
    public static IEnumerable<string> GradientNorms(IReadOnlyList<TrainingRun> runs, string folder)
    {
        runs = runs.Where(r => r.Epochs.Count > 0).ToList();
        if (runs.Count == 0) return [];
        var panels = runs.Select(run =>
        {
            var plot = Panel(run, "‖∂C/∂b‖ (log scale)", layers => layers.Select(l => l.BiasGradientNorm), log: true);
            return plot;
        }).ToList();
        ShareY(panels, runs.SelectMany(r => r.Hidden.SelectMany(layers => Log10(layers.Select(l => l.BiasGradientNorm)))));
        return SaveGrid(panels, folder, "gradient-norms", "Speed of learning during training: mean ‖∂C/∂b‖ over each epoch's mini-batches");
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
            "Saturation during training: share of outputs with σ < 0.05 or σ > 0.95 (tanh: |a| > 0.95)");
    }

    /// <summary>One panel per ReLU-family configuration: the share of each hidden layer's units that output 0 for every sample of the epoch.</summary>
    public static IEnumerable<string> DeadUnits(IReadOnlyList<TrainingRun> runs, string folder)
    {
        var rectifying = runs.Where(r => !r.Configuration.Saturates && r.Epochs.Count > 0).ToList();
        if (rectifying.Count == 0) return [];
        var panels = rectifying.Select(run =>
        {
            var plot = Panel(run, "dead units (%)", layers => layers.Select(l => 100 * l.DeadFraction), log: false);
            plot.Axes.SetLimitsY(-2, 102);
            return plot;
        }).ToList();
        return SaveGrid(panels, folder, "dead-units", "Dead units during training: share of units whose output was 0 for every training digit of the epoch");
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
            line.MarkerSize = 4;
        }
        plot.Axes.SetLimitsY(0, 100);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Right);
        return Save(plot, folder, "accuracy", 1100, 560);
    }

    static Plot Panel(TrainingRun run, string yLabel, Func<IReadOnlyList<LayerReport>, IEnumerable<double>> values, bool log)
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
            if (log) ys = Log10(ys);
            // A layer whose gradient is exactly 0 (every unit dead) has no logarithm: those epochs are left out.
            var keep = Enumerable.Range(0, ys.Length).Where(i => double.IsFinite(ys[i])).ToArray();
            var line = plot.Add.Scatter(keep.Select(i => epochs[i]).ToArray(), keep.Select(i => ys[i]).ToArray(), LayerColors[l % LayerColors.Length]);
            line.LegendText = $"hidden layer {l + 1}";
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        if (log) LogY(plot);
        plot.Axes.SetLimitsX(0.5, epochs.Length + 0.5);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Legend.FontSize = 12;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    /// <summary>Gives every panel the same y range (whole decades), so that heights compare across configurations.</summary>
    static void ShareY(List<Plot> panels, IEnumerable<double> logValues)
    {
        var finite = logValues.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return;
        double min = Math.Floor(finite.Min()), max = Math.Ceiling(finite.Max());
        foreach (var plot in panels) plot.Axes.SetLimitsY(min - 0.05, max + 0.05);
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

    /// <summary>Lays the panels out two per row under a common title, and saves the grid as PNG and SVG.</summary>
    static IEnumerable<string> SaveGrid(List<Plot> panels, string folder, string name, string title)
    {
        const int columns = 2, panelWidth = 640, panelHeight = 330, titleHeight = 50;
        int rows = (panels.Count + columns - 1) / columns;
        int width = columns * panelWidth, height = rows * panelHeight + titleHeight;

        var multiplot = new Multiplot();
        foreach (var empty in multiplot.GetPlots()) multiplot.RemovePlot(empty);   // a new Multiplot starts with one plot
        foreach (var panel in panels) multiplot.AddPlot(panel);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);

        string png = Path.Combine(folder, name + ".png"), svg = Path.Combine(folder, name + ".svg");
        using (var surface = SKSurface.Create(new SKImageInfo(width, height)))
        {
            Draw(surface.Canvas, multiplot, title, width, height, titleHeight);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(png);
            data.SaveTo(file);
        }
        using (var file = File.Create(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), file))
            Draw(canvas, multiplot, title, width, height, titleHeight);
        return [png, svg];
    }

    static void Draw(SKCanvas canvas, Multiplot multiplot, string title, int width, int height, int titleHeight)
    {
        canvas.Clear(SKColors.White);
        canvas.Save();
        canvas.Translate(0, titleHeight);
        multiplot.Render(canvas, new PixelRect(0, width, height - titleHeight, 0));
        canvas.Restore();
        // The title goes on last: rendering the panels paints a white background over the whole canvas.
        using var background = new SKPaint { Color = SKColors.White };
        canvas.DrawRect(0, 0, width, titleHeight, background);
        using var typeface = SKTypeface.FromFile(Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans-Bold.ttf"));
        using var font = new SKFont(typeface, 20);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, titleHeight * 0.65f, SKTextAlign.Center, font, paint);
    }
}
