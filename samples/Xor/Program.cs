// XOR: the smallest problem a single layer cannot solve, and the first one a hidden layer can.
// Course concepts: forward pass, backpropagation, gradient descent with momentum, and local minima.
using System.CommandLine;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var traceOption = new Option<bool>("--trace") { Description = "Print every number of the first training step (forward pass, cost, BP1–BP4, the update) and stop" };
var command = new RootCommand("Trains 2 → 3 → 1 on XOR, prints its truth table and how many of 20 seeds converge.") { traceOption };
if (SampleCommandLine.ParseOrExit(command, args, out var parsed) is { } exit) return exit;   // --help, or a bad option: one line, exit 2
SampleCommandLine.ExitOnUnhandledException();   // a failure while running: one line, exit 1
Console.OutputEncoding = Encoding.UTF8;   // ∂, ᵀ, ⊙ and the table borders stay readable on Windows consoles too

// 1. The data: one column per sample. x = (x₁, x₂), y = x₁ XOR x₂.
var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });

// 2. One network, trained and watched: 2 inputs → 3 tanh units → 1 sigmoid output.
var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
network.Initialize(new XavierUniform(), seed: 7);
var trainer = new Trainer(network, new TrainerOptions
{
    Epochs = 2000, BatchSize = 4, LearningRate = 0.5, Seed = 7,
    Loss = new MeanSquaredError(), Optimizer = new Sgd(momentum: 0.9),
});
// --trace: print the first training step, every number of it (forward pass, cost, BP1–BP4, the update), so it can be
// redone on paper (docs/backprop.md works through it), then stop. Nothing is trained.
if (parsed.GetValue(traceOption))
{
    Console.Write(network.Trace(x, y, trainer.Options));
    return 0;
}

Console.WriteLine($"{network}: quadratic cost, SGD with momentum 0.9, η = 0.5, 2000 epochs");
var progress = new SynchronousProgress<EpochReport>(r =>
{
    if (r.Epoch == 1 || r.Epoch % 250 == 0) Console.WriteLine($"  epoch {r.Epoch,4}   loss {r.Loss:F6}");
});
trainer.Train(x, y, progress);

// 3. The truth table the trained network computes.
var output = network.Predict(x);
Console.WriteLine();
Console.WriteLine("  x₁  x₂  target  output");
for (int j = 0; j < 4; j++)
    Console.WriteLine($"  {x[0, j],2}  {x[1, j],2}  {y[0, j],6}  {output[0, j]:F4}");

// 4. XOR has local minima: count how many of 20 random starts reach the solution.
//    Converged means every output is within 0.25 of its target after training.
const int Seeds = 20;
Console.WriteLine();
Console.WriteLine($"Converged runs out of {Seeds} seeds (2000 epochs, same settings, default initialiser per activation):");
Console.WriteLine($"  {"network",-14}{"Sigmoid",9}{"Tanh",9}{"ReLU",9}");
var deadFromStart = new Dictionary<int, (int Runs, int Converged)>();
foreach (int hidden in new[] { 2, 3 })
{
    Console.Write($"  {$"2-{hidden}-1 hidden",-14}");
    foreach (IActivation activation in new IActivation[] { new Sigmoid(), new Tanh(), new ReLU() })
    {
        int converged = 0;
        for (int seed = 0; seed < Seeds; seed++)
        {
            var candidate = new Network(new Layer(2, hidden, activation), new Layer(hidden, 1, new Sigmoid()));
            candidate.Initialize(seed);
            // A ReLU unit with z ≤ 0 for all four inputs outputs 0 and gets ReLU′(z) = 0: dead from the start.
            bool dead = activation is ReLU && HasDeadUnit((Layer)candidate.Layers[0], x);
            new Trainer(candidate, trainer.Options with { Seed = seed, Optimizer = new Sgd(momentum: 0.9) }).Train(x, y);
            bool ok = (candidate.Predict(x) - y).Enumerate().All(e => Math.Abs(e) < 0.25);
            if (ok) converged++;
            if (dead)
            {
                var (runs, good) = deadFromStart.GetValueOrDefault(hidden);
                deadFromStart[hidden] = (runs + 1, good + (ok ? 1 : 0));
            }
        }
        Console.Write($"{$"{converged}/{Seeds}",9}");
    }
    Console.WriteLine();
}
// 5. Why ReLU fails so often here: dead units (each starts dead with probability ¼: both weights ≤ 0, He-normal draws).
Console.WriteLine();
Console.WriteLine("Why ReLU converges so rarely: XOR's inputs are 0 or 1 and the biases start at 0, so a hidden unit whose two weights");
Console.WriteLine("both start ≤ 0 has z ≤ 0 for all four samples. It outputs 0, its δ is multiplied by ReLU′(z) = 0 (BP2), and it never learns.");
foreach (var (hidden, (runs, good)) in deadFromStart)
    Console.WriteLine($"  2-{hidden}-1: {runs} of {Seeds} starts have such a dead unit, and {good} of those converge.");
Console.WriteLine("  The other failures stop in a local minimum that fits two of the four samples. Sigmoid and tanh units have f′ > 0 everywhere: none die.");
return 0;

static bool HasDeadUnit(Layer layer, Matrix<double> inputs)
{
    var z = layer.Weights * inputs;
    return Enumerable.Range(0, layer.OutputSize).Any(j => Enumerable.Range(0, inputs.ColumnCount).All(s => z[j, s] + layer.Biases[j] <= 0));
}

/// <summary>Reports progress on the training thread, so lines print in order (Progress&lt;T&gt; would post to the thread pool).</summary>
sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
