using System.Text;
using ScottPlot;

namespace LessonPlots;

/// <summary>
/// The few lines every lesson shares: UTF-8 console output, a plot that renders its text without installed fonts,
/// and saving it as a PNG under <c>out/lessons/</c> (relative to where the lesson is run, normally the repository root).
/// </summary>
public static class LessonPlot
{
    const string FontName = "DejaVu Sans";

    /// <summary>The folder the lessons write their plots to: <c>out/lessons</c>, or the LESSON_OUTPUT environment variable.</summary>
    public static string Folder => Environment.GetEnvironmentVariable("LESSON_OUTPUT") is { Length: > 0 } folder ? folder : Path.Combine("out", "lessons");

    /// <summary>Call first: makes σ′, ∂ and ⊙ readable on any console, and numbers print with a decimal point everywhere.</summary>
    public static void Start()
    {
        Console.OutputEncoding = Encoding.UTF8;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        string fonts = Path.Combine(AppContext.BaseDirectory, "Fonts");
        // SkiaSharp's NoDependencies build finds no system fonts, and ScottPlot would draw no text at all.
        ScottPlot.Fonts.AddFontFile(FontName, Path.Combine(fonts, "DejaVuSans.ttf"), bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(FontName, Path.Combine(fonts, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
        ScottPlot.Fonts.Default = FontName;
    }

    /// <summary>A new plot with a title and axis labels, in the bundled font.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Saves <paramref name="plot"/> as <c>name.png</c> in <see cref="Folder"/>, prints where, and returns the path.</summary>
    public static string Save(Plot plot, string name, int width = 800, int height = 500)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, name + ".png");
        plot.SavePng(path, width, height);
        Console.WriteLine($"plot: {path}");
        return path;
    }

    /// <summary>Okabe &amp; Ito's colour-blind-safe palette (black left out), in their order.</summary>
    public static readonly Color[] Colors =
    [
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#009E73"), Color.FromHex("#0072B2"),
        Color.FromHex("#D55E00"), Color.FromHex("#CC79A7"), Color.FromHex("#F0E442"),
    ];
}
