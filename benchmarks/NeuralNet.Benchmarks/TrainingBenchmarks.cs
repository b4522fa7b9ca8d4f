using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Training;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The reference's three workloads: one training epoch (8,000 samples, shuffled), one warm training step (the memory
/// diagnoser's "Allocated" column shows 0 B), and forward-only inference over the 8,000 samples.
/// </summary>
/// <remarks>Samples per second = 8,000 / (epoch mean). To put them next to NumPy and PyTorch from the same run, use <c>--compare</c>.</remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TrainingBenchmarks
{
    private static readonly Dataset Data = Workload.TrainingSet();
    private Network _network = null!;
    private Trainer _epoch = null!, _step = null!;
    private Matrix<double> _x = null!, _y = null!;

    [ParamsSource(nameof(Workloads))]
    public Workload Workload { get; set; } = null!;

    public static IEnumerable<Workload> Workloads => Workload.All;

    [GlobalSetup]
    public void Setup()
    {
        _network = Workload.CreateNetwork();
        _epoch = Workload.CreateTrainer(_network, epochs: 1);
        _step = Workload.CreateTrainer(_network, epochs: 1);
        _x = Data.Inputs.SubMatrix(0, Data.FeatureCount, 0, Workload.BatchSize);
        _y = Data.Targets.SubMatrix(0, Data.Targets.RowCount, 0, Workload.BatchSize);
    }

    /// <summary>One epoch of mini-batch SGD over the 8,000 training digits.</summary>
    [Benchmark]
    public TrainingHistory Epoch() => _epoch.Train(Data.Inputs, Data.Targets);

    /// <summary>One optimisation step on one mini-batch (argument checks included).</summary>
    [Benchmark]
    public double Step() => _step.TrainBatch(_x, _y);

    /// <summary>Forward-only inference over the 8,000 digits as one batch (allocates the returned matrix).</summary>
    [Benchmark]
    public Matrix<double> Inference() => _network.Predict(Data.Inputs);

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.ShortRun);
    }
}
