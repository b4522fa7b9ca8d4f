// Lesson 4: backpropagation by hand, checked against the library's trace.
// Run from the repository root: dotnet run lessons/04-backprop-by-hand.cs
// Course concepts: the forward pass, BP1–BP4 written as scalar loops, the trace, finite differences.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tracing;   // network.Trace

LessonPlot.Start();

// 1. The XOR sample's network and first step: 2 → 3 tanh → 1 sigmoid, Xavier weights from seed 7, quadratic cost.
var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });
var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
network.Initialize(new XavierUniform(), seed: 7);
var trace = network.Trace(x, y, new MeanSquaredError(), new Sgd(momentum: 0.9), learningRate: 0.5);
var (hidden, output) = ((Layer)network.Layers[0], (Layer)network.Layers[1]);
var (W1, b1, W2, b2) = (hidden.Weights, hidden.Biases, output.Weights, output.Biases);
int m = x.ColumnCount;

// 2. By hand, one number at a time: no matrix operations, only the chain rule.
var dW1 = new double[3, 2]; var db1 = new double[3]; var dW2 = new double[3]; double db2 = 0, cost = 0;
for (int s = 0; s < m; s++)
{
    // forward: z¹ⱼ = Σₖ W¹ⱼₖ xₖ + b¹ⱼ, a¹ⱼ = tanh(z¹ⱼ); z² = Σⱼ W²ⱼ a¹ⱼ + b², a² = σ(z²)
    var a1 = new double[3];
    for (int j = 0; j < 3; j++) a1[j] = Math.Tanh(W1[j, 0] * x[0, s] + W1[j, 1] * x[1, s] + b1[j]);
    double z2 = b2[0];
    for (int j = 0; j < 3; j++) z2 += W2[0, j] * a1[j];
    double a2 = 1 / (1 + Math.Exp(-z2));
    cost += 0.5 * (a2 - y[0, s]) * (a2 - y[0, s]) / m;

    // BP1: δ² = (a² − y)·σ′(z²), with σ′ = a²(1 − a²)
    double delta2 = (a2 - y[0, s]) * a2 * (1 - a2);
    // BP3, BP4 for layer 2, averaged over the batch
    db2 += delta2 / m;
    for (int j = 0; j < 3; j++) dW2[j] += delta2 * a1[j] / m;
    // BP2: δ¹ⱼ = W²ⱼ·δ² · tanh′(z¹ⱼ), with tanh′ = 1 − (a¹ⱼ)²
    for (int j = 0; j < 3; j++)
    {
        double delta1 = W2[0, j] * delta2 * (1 - a1[j] * a1[j]);
        db1[j] += delta1 / m;
        for (int k = 0; k < 2; k++) dW1[j, k] += delta1 * x[k, s] / m;
    }
}

// 3. Compare every hand-computed number with the trace.
double worst = Math.Abs(cost - trace.Cost);
worst = Math.Max(worst, Math.Abs(db2 - trace.Layers[1].BiasGradient[0]));
for (int j = 0; j < 3; j++)
{
    worst = Math.Max(worst, Math.Abs(dW2[j] - trace.Layers[1].WeightGradient[0, j]));
    worst = Math.Max(worst, Math.Abs(db1[j] - trace.Layers[0].BiasGradient[j]));
    for (int k = 0; k < 2; k++) worst = Math.Max(worst, Math.Abs(dW1[j, k] - trace.Layers[0].WeightGradient[j, k]));
}
Console.WriteLine($"C = {cost:F6}, ∂C/∂b² = {db2:F6}, ∂C/∂W²₁ = {dW2[0]:F6}, ∂C/∂W¹₁₁ = {dW1[0, 0]:F6}");
Console.WriteLine($"largest |by hand − trace| over C and all 13 gradients: {worst:E1}");

// 4. And both against the definition of a derivative: nudge each weight by ±h and re-evaluate the cost.
const double h = 1e-6;
var loss = new MeanSquaredError();
double Cost() => loss.Value(network.Predict(x), y);
var backprop = new List<double>();
var numeric = new List<double>();
foreach (var (layer, gradient) in new[] { (hidden, Matrix<double>.Build.DenseOfArray(dW1)), (output, Matrix<double>.Build.DenseOfRowArrays(dW2)) })
    for (int j = 0; j < layer.Weights.RowCount; j++)
        for (int k = 0; k < layer.Weights.ColumnCount; k++)
        {
            double kept = layer.Weights[j, k];
            layer.Weights[j, k] = kept + h; double plus = Cost();
            layer.Weights[j, k] = kept - h; double minus = Cost();
            layer.Weights[j, k] = kept;
            backprop.Add(gradient[j, k]);
            numeric.Add((plus - minus) / (2 * h));
        }
double relative = backprop.Zip(numeric, (b, n) => Math.Abs(b - n) / Math.Max(Math.Abs(b) + Math.Abs(n), 1e-12)).Max();
Console.WriteLine($"largest relative difference, backprop vs (C(w + h) − C(w − h))/2h over the 9 weights: {relative:E1}");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - Each line of the loop is one equation; the library does the same with matrices (Layer.Forward/Backward).");
Console.WriteLine("  - Hand and trace agree to rounding (~1e-17): the trace prints exactly what the trainer uses.");
Console.WriteLine("  - Sample s1 = (0, 0) contributes nothing to ∂C/∂W¹ (BP4: its input xₖ is 0), only to ∂C/∂b¹.");
Console.WriteLine("  - Print the whole trace with: dotnet run --project samples/Xor -- --trace (docs/backprop.md walks through it).");

// 5. The plot: each weight's backprop gradient against its finite-difference estimate; they lie on the diagonal.
var plot = LessonPlot.Create("Backprop against finite differences, the 9 weights of 2-3-1", "(C(w + h) − C(w − h)) / 2h", "∂C/∂w by backprop");
double lo = Math.Min(numeric.Min(), backprop.Min()), hi = Math.Max(numeric.Max(), backprop.Max());
var diagonal = plot.Add.Line(lo, lo, hi, hi);
diagonal.Color = ScottPlot.Colors.Gray;
diagonal.LegendText = "y = x";
var points = plot.Add.ScatterPoints(numeric.ToArray(), backprop.ToArray(), LessonPlot.Colors[4]);
points.MarkerSize = 10;
points.LegendText = "one weight";
plot.ShowLegend(ScottPlot.Edge.Bottom);
LessonPlot.Save(plot, "04-backprop-by-hand");
