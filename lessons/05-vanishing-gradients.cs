// Lesson 5: the vanishing gradient, measured (Nielsen, chapter 5).
// Run from the repository root: dotnet run lessons/05-vanishing-gradients.cs
// Course concepts: ‖∂C/∂bˡ‖ as layer l's speed of learning, BP2 shrinking δ by σ′ ≤ ¼ per layer, ‖∂C/∂W‖/‖W‖.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;

LessonPlot.Start();

// 1. Nielsen's setup: [784, 30, 30, 30, 30, 10], sigmoid units, weights N(0, 1/n_in) and biases N(0, 1) (LeCunNormal),
//    the cross-entropy cost, and the gradient over the first 1,000 training digits as one batch.
var digits = MnistSubset.Load().Train.Take(1000);
const int Hidden = 4, Seeds = 10;
double[][] biasNorms = new double[Seeds][], ratios = new double[Seeds][];
for (int seed = 0; seed < Seeds; seed++)
{
    var layers = Enumerable.Range(0, Hidden).Select(l => new Layer(l == 0 ? 784 : 30, 30, new Sigmoid())).Append(new Layer(30, 10, new Sigmoid()));
    var network = new Network(layers);
    network.Initialize(new LeCunNormal(), seed);
    var gradients = network.Backpropagate(digits.Inputs, digits.Targets, new BinaryCrossEntropy());
    // ‖∂C/∂bˡ‖ = ‖mean of δˡ‖ (BP3), Nielsen's measure; ‖∂C/∂Wˡ‖/‖Wˡ‖, the relative size of a gradient step.
    biasNorms[seed] = Enumerable.Range(0, Hidden).Select(l => gradients.Layers[l].BiasGradient.L2Norm()).ToArray();
    ratios[seed] = Enumerable.Range(0, Hidden).Select(l => gradients.Layers[l].WeightGradient.FrobeniusNorm() / ((Layer)network.Layers[l]).Weights.FrobeniusNorm()).ToArray();
}
double[] Mean(double[][] perSeed) => Enumerable.Range(0, Hidden).Select(l => perSeed.Average(s => s[l])).ToArray();
double[] bias = Mean(biasNorms), relative = Mean(ratios);
double[] nielsen = [0.003, 0.017, 0.070, 0.285];   // the book's numbers for this network, one initialisation

Console.WriteLine($"mean over {Seeds} initialisations, the gradient over {digits.Count} digits:");
Console.WriteLine("  hidden layer   ‖∂C/∂b‖   Nielsen   ‖∂C/∂W‖/‖W‖");
for (int l = 0; l < Hidden; l++) Console.WriteLine($"  {l + 1,12}   {bias[l],7:F4}   {nielsen[l],7:F3}   {relative[l],11:E2}");
// A ratio of ratios is best averaged on a log scale: the geometric mean over the seeds.
double firstToLast = Math.Exp(biasNorms.Average(s => Math.Log(s[0] / s[^1])));
Console.WriteLine($"first/last ‖∂C/∂b‖ (geometric mean over seeds): {firstToLast:F4}");
Console.WriteLine($"per layer the gradient shrinks by a factor of about {Math.Pow(1 / firstToLast, 1.0 / (Hidden - 1)):F1}");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - Hidden layer 1 learns over 100 times more slowly than hidden layer 4: the gradient vanishes towards the input.");
Console.WriteLine("  - Our numbers match the book's within the spread over seeds (one initialisation each there).");
Console.WriteLine("  - Each step back multiplies by Wᵀ and by σ′(z) ≤ ¼ (BP2); with these weights the product is about 1/5.");
Console.WriteLine("  - ‖∂C/∂W‖/‖W‖ tells the same story, as the size of a gradient step relative to the weights.");

// 2. The plot: both measures against the layer, on a log scale.
var plot = LessonPlot.Create("Speed of learning at initialisation, sigmoid [784, 30, 30, 30, 30, 10]", "hidden layer (1 = next to the input)", "log₁₀ of the quantity");
double[] xs = [1, 2, 3, 4];
var series = new (string Label, double[] Values, ScottPlot.MarkerShape Marker)[]
{
    ("‖∂C/∂b‖, ours (mean of 10 seeds)", bias, ScottPlot.MarkerShape.FilledCircle),
    ("‖∂C/∂b‖, Nielsen ch. 5", nielsen, ScottPlot.MarkerShape.Cross),
    ("‖∂C/∂W‖/‖W‖, ours", relative, ScottPlot.MarkerShape.FilledSquare),
};
for (int i = 0; i < series.Length; i++)
{
    var line = plot.Add.Scatter(xs, series[i].Values.Select(Math.Log10).ToArray(), LessonPlot.Colors[i]);
    line.LegendText = series[i].Label;
    line.MarkerShape = series[i].Marker;
    line.MarkerSize = 9;
    line.LineWidth = 2;
}
plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, ["1", "2", "3", "4"]);
plot.ShowLegend(ScottPlot.Edge.Bottom);
LessonPlot.Save(plot, "05-vanishing-gradients");
