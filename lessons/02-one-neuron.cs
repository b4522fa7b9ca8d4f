// Lesson 2: one neuron is logistic regression.
// Run from the repository root: dotnet run lessons/02-one-neuron.cs
// Course concepts: a = σ(w·x + b), the cross-entropy cost, δ = a − y (σ′ cancels), BP3 and BP4 for one unit.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Tracing;   // network.Trace
using NeuralNet.Training;

LessonPlot.Start();

// 1. The data: the 3s and 5s of the repository's MNIST subset, one column per digit; y = 1 for a 5, 0 for a 3.
var (train, test) = MnistSubset.Load();
(Matrix<double> X, Matrix<double> Y) ThreesAndFives(Dataset digits)
{
    int[] keep = Enumerable.Range(0, digits.Count).Where(i => digits.Labels[i] is 3 or 5).ToArray();
    var x = digits.Subset(keep).Inputs;
    var y = Matrix<double>.Build.Dense(1, keep.Length, (_, j) => digits.Labels[keep[j]] == 5 ? 1 : 0);
    return (x, y);
}
var (trainX, trainY) = ThreesAndFives(train);
var (testX, testY) = ThreesAndFives(test);
Console.WriteLine($"{trainX.ColumnCount} training and {testX.ColumnCount} test digits, 784 pixels each");

// 2. The model: one layer, one sigmoid unit. a = σ(w·x + b), w is the layer's 1×784 weight matrix.
var neuron = new Network(new Layer(784, 1, new Sigmoid()));
neuron.Initialize(seed: 0);
var loss = new BinaryCrossEntropy();   // Cₓ = −[y ln a + (1 − y) ln(1 − a)]

// 3. BP1 for this pair: ∂C/∂a = (a − y)/(a(1 − a)) and σ′(z) = a(1 − a), so δ = a − y exactly. The trace shows it.
var trace = neuron.Trace(trainX.SubMatrix(0, 784, 0, 8), trainY.SubMatrix(0, 1, 0, 8), loss).Layers[0];
double gap = (trace.Delta - (trace.Output - trainY.SubMatrix(0, 1, 0, 8))).Enumerate().Max(Math.Abs);
Console.WriteLine($"δ − (a − y) over 8 digits: largest |difference| = {gap:G3} (simplified δ used: {trace.UsesSimplifiedOutputDelta})");

// 4. Train: mini-batch SGD, 10 epochs, and watch the held-out accuracy.
var accuracies = new List<double>();
double Accuracy(Matrix<double> x, Matrix<double> y)
{
    var a = neuron.Predict(x);   // a 5 when a > ½
    return Enumerable.Range(0, x.ColumnCount).Count(j => (a[0, j] > 0.5) == (y[0, j] == 1)) / (double)x.ColumnCount;
}
var trainer = new Trainer(neuron, new TrainerOptions { Epochs = 10, BatchSize = 10, LearningRate = 0.1, Loss = loss, Seed = 0 });
trainer.Train(trainX, trainY, new Progress(_ => accuracies.Add(Accuracy(testX, testY))));
for (int e = 0; e < accuracies.Count; e++) Console.WriteLine($"  epoch {e + 1,2}   held-out accuracy {accuracies[e]:P1}");
Console.WriteLine($"held-out accuracy: {accuracies[^1]:F4}");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - δ = a − y: with the cross-entropy the σ′ of BP1 cancels, so a confidently wrong output learns fastest.");
Console.WriteLine("  - One neuron separates the 3s from the 5s well: the two classes are nearly linearly separable in pixel space.");
Console.WriteLine("  - The plot shows w as an image: red pixels vote for a 5, blue ones for a 3 (BP4: ∂C/∂w = mean((a − y)·xᵀ)).");
Console.WriteLine("  - The border pixels keep their random starting weights: their input x is always 0, so BP4 gives them no gradient.");

// 5. The plot: the learned weights w, one per pixel, as a 28×28 image.
var w = ((Layer)neuron.Layers[0]).Weights;
var image = new double[28, 28];
for (int p = 0; p < 784; p++) image[p / 28, p % 28] = w[0, p];
double range = image.Cast<double>().Max(Math.Abs);
var plot = LessonPlot.Create("One neuron's weights w (3 vs 5): red votes for 5, blue for 3", "pixel column", "pixel row");
var heatmap = plot.Add.Heatmap(image);
heatmap.Colormap = new ScottPlot.Colormaps.Balance();
heatmap.ManualRange = new ScottPlot.Range(-range, range);
plot.Add.ColorBar(heatmap).Label = "weight";
plot.Axes.InvertY();
LessonPlot.Save(plot, "02-one-neuron", 700, 600);

/// <summary>Reports each epoch on the training thread, in order.</summary>
sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
