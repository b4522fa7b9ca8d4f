// Lesson 7: the remedies in training: a deep sigmoid network's plateau, ReLU's quick start, and ReLUs that die.
// Run from the repository root: dotnet run lessons/07-training-deep-networks.cs
// Course concepts: plateaus, speed of learning per layer during training, dead ReLUs, the learning rate.
#:project ../src/NeuralNet/NeuralNet.csproj
#:project LessonPlots/LessonPlots.csproj
using LessonPlots;
using NeuralNet;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Training;

LessonPlot.Start();

// 1. The lab's setup: [784, 30, 30, 30, 30, 10], 10 sigmoid outputs, cross-entropy, plain SGD, batches of 10,
//    8,000 training digits, accuracy on the 2,000 test digits after every epoch. Three runs, 3 epochs each.
var (train, test) = MnistSubset.Load();
const int Hidden = 4, Epochs = 3;
var runs = new (string Name, Func<IActivation> Unit, IInitializer Init, double LearningRate)[]
{
    ("sigmoid + LeCun, η = 0.1", () => new Sigmoid(), new LeCunNormal(), 0.1),
    ("ReLU + He, η = 0.1", () => new ReLU(), new HeNormal(), 0.1),
    ("ReLU + He, η = 0.3", () => new ReLU(), new HeNormal(), 0.3),
};
var histories = new List<IReadOnlyList<EpochReport>>();
foreach (var run in runs)
{
    var layers = Enumerable.Range(0, Hidden).Select(l => new Layer(l == 0 ? 784 : 30, 30, run.Unit())).Append(new Layer(30, 10, new Sigmoid()));
    var network = new Network(layers);
    network.Initialize(run.Init, seed: 0);
    var trainer = new Trainer(network, new TrainerOptions
    {
        Epochs = Epochs, BatchSize = 10, LearningRate = run.LearningRate, Loss = new BinaryCrossEntropy(), Seed = 0,
    });
    histories.Add(trainer.Train(train, test).Epochs);
}

// 2. Per epoch: test accuracy, first/last speed of learning (mean ‖∂C/∂b‖ over the epoch's mini-batches), dead units.
for (int r = 0; r < runs.Length; r++)
{
    Console.WriteLine(runs[r].Name);
    Console.WriteLine("  epoch   accuracy   ‖∂C/∂b¹‖/‖∂C/∂b⁴‖   dead units per hidden layer");
    foreach (var e in histories[r])
    {
        var hidden = e.Layers.Take(Hidden).ToArray();
        string dead = string.Join(" ", hidden.Select(l => $"{l.DeadFraction,4:P0}"));
        Console.WriteLine($"  {e.Epoch,5}   {e.ValidationAccuracy,8:P1}   {hidden[0].BiasGradientNorm / hidden[^1].BiasGradientNorm,17:F3}   {dead}");
    }
}
Console.WriteLine($"epoch 1 accuracy, sigmoid: {histories[0][0].ValidationAccuracy:F4}, ReLU: {histories[1][0].ValidationAccuracy:F4}");

Console.WriteLine();
Console.WriteLine("What to notice:");
Console.WriteLine("  - The sigmoid network sits at chance (10 %) while its lower layers barely learn: a plateau, not a failure;");
Console.WriteLine("    run the lab for 20 epochs and it escapes (samples/VanishingGradient).");
Console.WriteLine("  - ReLU + He learns from the first epoch: the layers' speeds stay comparable.");
Console.WriteLine("  - At η = 0.3 large early steps push ReLU units below 0 for every digit: dead, f′ = 0, and they never recover.");

// 3. The plot: test accuracy per epoch.
var plot = LessonPlot.Create("Test accuracy, [784, 30, 30, 30, 30, 10]", "epoch", "test accuracy (%)");
double[] epochs = Enumerable.Range(1, Epochs).Select(e => (double)e).ToArray();
for (int r = 0; r < runs.Length; r++)
{
    var line = plot.Add.Scatter(epochs, histories[r].Select(e => 100 * (e.ValidationAccuracy ?? double.NaN)).ToArray(), LessonPlot.Colors[r]);
    line.LegendText = runs[r].Name;
    line.LineWidth = 2;
    line.MarkerSize = 8;
}
plot.Axes.SetLimitsY(0, 100);
plot.ShowLegend(ScottPlot.Edge.Bottom);
LessonPlot.Save(plot, "07-training-deep-networks");
