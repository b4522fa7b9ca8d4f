// Lesson 1: the sigmoid and its derivative.
// Run from the repository root: dotnet run lessons/01-sigmoid.cs
// Course concepts: σ(z) = 1/(1 + e⁻ᶻ), σ′(z) = σ(z)(1 − σ(z)) ≤ ¼, saturation, tanh′(0) = 1.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using NeuralNet.Activations;

LessonPlot.Start();
var sigmoid = new Sigmoid();
var tanh = new Tanh();

// 1. σ′ from the library (it takes z and a = σ(z), and returns a·(1 − a)) against a central difference (σ(z+h) − σ(z−h))/2h.
const double h = 1e-5;
double worst = 0;
double[] zs = Enumerable.Range(-800, 1601).Select(i => i / 100.0).ToArray();   // z from −8 to 8 in steps of 0.01
foreach (double z in zs)
{
    double numeric = (sigmoid.Apply(z + h) - sigmoid.Apply(z - h)) / (2 * h);
    worst = Math.Max(worst, Math.Abs(sigmoid.Derivative(z, sigmoid.Apply(z)) - numeric));
}
Console.WriteLine($"σ′(z) = σ(z)(1 − σ(z)) agrees with the central difference to {worst:E1} on z ∈ [−8, 8]");

// 2. The largest value of σ′, and where: the whole vanishing-gradient story starts here.
double[] derivative = zs.Select(z => sigmoid.Derivative(z, sigmoid.Apply(z))).ToArray();
int peak = Array.IndexOf(derivative, derivative.Max());
Console.WriteLine($"max σ′ = {derivative[peak]:F4} at z = {zs[peak]:F2}");

// 3. Saturation: far from 0 the sigmoid is flat, and σ′ passes almost nothing back.
foreach (double z in new[] { 0.0, 2.0, 5.0, 10.0 })
    Console.WriteLine($"  z = {z,4:F0}   σ(z) = {sigmoid.Apply(z):F6}   σ′(z) = {sigmoid.Derivative(z, sigmoid.Apply(z)):E3}   tanh′(z) = {tanh.Derivative(z, tanh.Apply(z)):E3}");
Console.WriteLine($"at z = 5 a sigmoid passes back 1/{0.25 / sigmoid.Derivative(5, sigmoid.Apply(5)):F0} of what it passes at z = 0");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - σ′ is never more than 0.25. Backprop multiplies by σ′ once per layer (BP2), so ten sigmoid layers");
Console.WriteLine("    shrink the error by at least 4¹⁰ ≈ 10⁶ unless the weights make up for it (lesson 5).");
Console.WriteLine("  - σ′ can be computed from the output alone, a·(1 − a): the forward pass caches a for the backward pass.");
Console.WriteLine("  - tanh′(0) = 1: tanh is a sigmoid stretched to (−1, 1), tanh(z) = 2σ(2z) − 1, and its slope is 4 times larger.");

// 4. The plot: σ, σ′ and tanh′ on one axis.
var plot = LessonPlot.Create("The sigmoid and its derivative", "z", "value");
var curves = new (string Label, Func<double, double> F)[]
{
    ("σ(z)", z => sigmoid.Apply(z)),
    ("σ′(z) = σ(z)(1 − σ(z)), at most ¼", z => sigmoid.Derivative(z, sigmoid.Apply(z))),
    ("tanh′(z) = 1 − tanh²(z), at most 1", z => tanh.Derivative(z, tanh.Apply(z))),
};
for (int i = 0; i < curves.Length; i++)
{
    var line = plot.Add.ScatterLine(zs, zs.Select(curves[i].F).ToArray(), LessonPlot.Colors[i]);
    line.LineWidth = 2;
    line.LegendText = curves[i].Label;
}
plot.Add.HorizontalLine(0.25, 1, ScottPlot.Colors.Gray);
plot.ShowLegend(ScottPlot.Edge.Bottom);
LessonPlot.Save(plot, "01-sigmoid");
