// Lesson 6: the remedies, at initialisation: other units, other initialisers, batch normalisation.
// Run from the repository root: dotnet run lessons/06-remedies.cs
// Course concepts: tanh′(0) = 1, ReLU′ = 1 where active, Xavier (Var W = 2/(n_in + n_out)) and He (Var W = 2/n_in), batch norm.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;

LessonPlot.Start();

// 1. The network of lesson 5, [784, 30, 30, 30, 30, 10] with 10 sigmoid outputs and the cross-entropy cost, built five ways.
var digits = MnistSubset.Load().Train.Take(1000);
const int Hidden = 4, Seeds = 10;
var configurations = new (string Name, Func<IActivation> Unit, IInitializer Init, bool BatchNorm)[]
{
    ("sigmoid + LeCun (lesson 5)", () => new Sigmoid(), new LeCunNormal(), false),
    ("sigmoid + Xavier", () => new Sigmoid(), new XavierUniform(), false),
    ("tanh + Xavier", () => new Tanh(), new XavierUniform(), false),
    ("ReLU + He", () => new ReLU(), new HeNormal(), false),
    ("sigmoid + LeCun + batch norm", () => new Sigmoid(), new LeCunNormal(), true),
};

// 2. The measure: ‖∂C/∂Wˡ‖/‖Wˡ‖, how large a gradient step is relative to the weights. It means the same for every
//    configuration; ‖∂C/∂b‖ does not (a batch-normalised layer has no b: its β is nearly cancelled by the next layer's
//    normalisation, so ‖∂C/∂β‖ is small without any gradient vanishing).
var results = new List<(string Name, double[] Relative, double FirstToLast)>();
Console.WriteLine("‖∂C/∂W‖/‖W‖ per hidden layer at initialisation, mean over 10 seeds:");
Console.WriteLine($"  {"configuration",-30} {"hidden 1",9} {"hidden 2",9} {"hidden 3",9} {"hidden 4",9}   first/last");
foreach (var c in configurations)
{
    var perSeed = Enumerable.Range(0, Seeds).Select(seed =>
    {
        var layers = Enumerable.Range(0, Hidden).Select(l => new Layer(l == 0 ? 784 : 30, 30, c.Unit(), batchNorm: c.BatchNorm)).Append(new Layer(30, 10, new Sigmoid()));
        var network = new Network(layers);
        network.Initialize(c.Init, seed);
        var gradients = network.Backpropagate(digits.Inputs, digits.Targets, new BinaryCrossEntropy());
        return Enumerable.Range(0, Hidden).Select(l => gradients.Layers[l].WeightGradient.FrobeniusNorm() / ((Layer)network.Layers[l]).Weights.FrobeniusNorm()).ToArray();
    }).ToArray();
    double[] mean = Enumerable.Range(0, Hidden).Select(l => perSeed.Average(s => s[l])).ToArray();
    double firstToLast = Math.Exp(perSeed.Average(s => Math.Log(s[0] / s[^1])));   // geometric mean over the seeds
    results.Add((c.Name, mean, firstToLast));
    Console.WriteLine($"  {c.Name,-30} {string.Join(" ", mean.Select(v => $"{v,9:E2}"))}   {firstToLast,10:F3}");
}
foreach (var r in results) Console.WriteLine($"first/last {r.Name}: {r.FirstToLast:F3}");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - Sigmoid vanishes with LeCun or Xavier weights alike: σ′ ≤ ¼ belongs to the unit, not to the weights.");
Console.WriteLine("  - tanh and ReLU keep the layers within a small factor of each other: their derivative is about 1 where");
Console.WriteLine("    the units start (tanh′(0) = 1; ReLU′ = 1 on the active half), and Xavier/He keep Var(z) steady across layers.");
Console.WriteLine("  - Batch norm gives every sigmoid layer inputs of mean 0 and variance 1, in σ's steep middle: the lower");
Console.WriteLine("    layers' steps are no longer tiny, even with Nielsen's initialiser.");

// 3. The plot: one line per configuration.
var plot = LessonPlot.Create("Relative gradient size at initialisation, [784, 30, 30, 30, 30, 10]", "hidden layer (1 = next to the input)", "log₁₀ ‖∂C/∂W‖/‖W‖");
double[] xs = [1, 2, 3, 4];
ScottPlot.MarkerShape[] markers = [ScottPlot.MarkerShape.FilledCircle, ScottPlot.MarkerShape.FilledSquare, ScottPlot.MarkerShape.FilledTriangleUp, ScottPlot.MarkerShape.FilledDiamond, ScottPlot.MarkerShape.OpenCircle];
for (int i = 0; i < results.Count; i++)
{
    var line = plot.Add.Scatter(xs, results[i].Relative.Select(Math.Log10).ToArray(), LessonPlot.Colors[i]);
    line.LegendText = results[i].Name;
    line.MarkerShape = markers[i];
    line.MarkerSize = 9;
    line.LineWidth = 2;
}
plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, ["1", "2", "3", "4"]);
plot.ShowLegend(ScottPlot.Edge.Right);
LessonPlot.Save(plot, "06-remedies", 1000, 500);
