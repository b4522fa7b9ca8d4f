// Lesson 3: XOR, and why it needs a hidden layer.
// Run from the repository root: dotnet run lessons/03-xor.cs
// Course concepts: a single unit draws one straight line (linear separability), a hidden layer bends the input space.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

LessonPlot.Start();

// 1. The four XOR samples, one column each: y = x₁ XOR x₂.
var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });
var options = new TrainerOptions
{
    Epochs = 2000, BatchSize = 4, LearningRate = 0.5, Seed = 7, Loss = new MeanSquaredError(), Optimizer = new Sgd(momentum: 0.9),
};

// 2. No hidden layer: a = σ(w₁x₁ + w₂x₂ + b). One line w·x + b = 0 cannot put (0,1) and (1,0) on one side and
//    (0,0) and (1,1) on the other, so the best it can do is output ½ everywhere: C = (1/2m)·Σ(½)² = 0.125.
var single = new Network(new Layer(2, 1, new Sigmoid()));
single.Initialize(new XavierUniform(), seed: 7);
var singleLosses = Losses(new Trainer(single, options).Train(x, y));

// 3. One hidden layer of 3 tanh units: 2 → 3 → 1, the same cost, optimiser and epochs.
var hidden = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
hidden.Initialize(new XavierUniform(), seed: 7);
var hiddenLosses = Losses(new Trainer(hidden, options).Train(x, y));

Console.WriteLine("  x₁  x₂  target   no hidden layer   2-3-1");
var (a1, a2) = (single.Predict(x), hidden.Predict(x));
for (int j = 0; j < 4; j++) Console.WriteLine($"  {x[0, j],2}  {x[1, j],2}  {y[0, j],6}   {a1[0, j],15:F4}   {a2[0, j],5:F4}");
Console.WriteLine($"final cost without a hidden layer: {singleLosses[^1]:F4}");
Console.WriteLine($"final cost with 3 hidden units:    {hiddenLosses[^1]:F6}");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - Without a hidden layer the cost stops at 0.125: every output near ½, the best a single line can do.");
Console.WriteLine("  - Three tanh units map the four points to a space where one line does separate them; the output unit draws it.");
Console.WriteLine("  - The log-scale plot: the hidden network sits on a short plateau, then its cost falls by three orders of magnitude.");

// 4. The plot: the cost per epoch of both networks, on a log scale.
var plot = LessonPlot.Create("XOR: the cost during training", "epoch", "cost C (log₁₀)");
double[] epochs = Enumerable.Range(1, options.Epochs).Select(e => (double)e).ToArray();
var noHidden = plot.Add.ScatterLine(epochs, singleLosses.Select(Math.Log10).ToArray(), LessonPlot.Colors[0]);
noHidden.LegendText = "2 → 1 (no hidden layer)";
noHidden.LineWidth = 2;
var withHidden = plot.Add.ScatterLine(epochs, hiddenLosses.Select(Math.Log10).ToArray(), LessonPlot.Colors[3]);
withHidden.LegendText = "2 → 3 tanh → 1";
withHidden.LineWidth = 2;
plot.ShowLegend(ScottPlot.Edge.Bottom);
LessonPlot.Save(plot, "03-xor");

static double[] Losses(TrainingHistory history) => history.Epochs.Select(e => e.Loss).ToArray();
