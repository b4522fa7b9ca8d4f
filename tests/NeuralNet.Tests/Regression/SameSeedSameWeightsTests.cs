using System.Security.Cryptography;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Regression;

/// <summary>
/// The same seed gives bit-identical weights before and after a refactoring. The expected values were recorded from
/// main at commit 128a70e (before the lesson was moved to the root, issue 13): a SHA-256 of every parameter and every
/// batch-norm running statistic, the final training loss, the first and the last parameter value and the first four
/// predictions, as IEEE-754 bit patterns (hexadecimal). Recorded on x64 with AVX2 and FMA (the GEMM kernel's fast path,
/// which every CI machine of the project has); a machine without them takes the scalar path and other last bits.
/// </summary>
public class SameSeedSameWeightsTests
{
    public static TheoryData<string, string> Recorded => new()
    {
        { "xor sigmoid", "380D3B349A459E402F81E512A3690613 | 3FBCB21514EB06D3 | 400058C43A9DEF4C | BFF25D931A8BAAF5 | 3FDA3D572A552DBB 3FE2386D75ED953A 3FE063ECCEC08504 3FE1A6E68AA2AF41" },
        { "xor tanh bce", "6CDC04CFE046F42EA3D7F33CF53F1841 | 3F8AF34D91CA7C6C | 400528C5EBE7672B | 3F9F661CA9C93E3C | 3F7A0DC53A2F0859 3FEF8437A30869EB 3FEF9BF282C90CE9 3F924F2A02A7D327" },
        { "xor relu momentum", "BAE00D0950A09D490C4DBF4575D4A5F4 | 3F89463307931A27 | 3FF8AD2E511086C8 | C00B56862F9A7F42 | 3FA042F1C25C138E 3FEFE2F462F05023 3FEFBB875F123F21 3F73869766BBD2DD" },
        { "batch norm", "56205E573936E1AED66523ADBD3B596F | 3F9EA4337365600C | 3FE25E5CAC3A5A1A | BFB6A9EC65C5817A | 3FA60F63F580714A 3FEEE2E8FA1B3F73 3FEEA420A20124DF 3FAB3639E70A0F3A" },
        { "dropout", "0F7B9A43287DB85602A390D679DEC5A8 | 3F84333BEB60169E | 3FFC130B37F8598E | BFC77D9241FA1E8B | 3F901E7E316E4158 3FEFFEA1A2202469 3FEFFDB059B9EA70 3F84EE061CEDCD42" },
        { "adam", "0953645910C22D184A2472CFE68C4F1E | 3F7069B2EBBDB9D7 | 3FF295083FF6FE13 | 3FB2DBFE8AF9917C | 3FEFEBB8AFBE4FD4 3F64475041B02B7B 3F71CF059902C357 3FEFDC61F4CDFA79" },
        { "mnist subset", "DB7CD1CA74FD730BAB4F338DA9B8FFFB | 40001D68483ADDF1 | 3FA11687222EBC81 | BF97798F88A2B9EC | 3FB4F2CB57CF0CC4 3FBC90E5AEC98912 3FBCCC62E7CBA844 3FC344573E5B1E5E" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void Training_GivesTheWeightsRecordedBeforeTheMove(string workload, string expected)
    {
        Fingerprint(workload).ShouldBe(expected);
    }

    /// <summary>"sha256 | loss bits | W¹[0] bits | last parameter's last value bits | first 4 predictions' bits".</summary>
    internal static string Fingerprint(string workload)
    {
        var (network, loss, x) = Train(workload);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in network.Parameters)
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(p.Value.AsSpan()));
        foreach (var layer in network.Layers.OfType<Layer>())
            if (layer.RunningMean is { } mean)
            {
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(mean.AsArray().AsSpan()));
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(layer.RunningVariance!.AsArray().AsSpan()));
            }
        var prediction = network.Predict(x);
        var first = network.Parameters[0].Value[0];
        var last = network.Parameters[^1].Value[^1];
        var predicted = prediction.AsColumnMajorArray().Take(4).Select(Bits);
        return $"{Convert.ToHexString(hash.GetHashAndReset())[..32]} | {Bits(loss)} | {Bits(first)} | {Bits(last)} | {string.Join(" ", predicted)}";
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16");

    private static (Network, double, Matrix<double>) Train(string workload)
    {
        var x = TestData.Matrix(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
        var y = TestData.Row(0, 1, 1, 0);
        Network network;
        TrainerOptions options;
        switch (workload)
        {
            case "xor sigmoid":
                network = new Network(new Layer(2, 3, new Sigmoid()), new Layer(3, 1, new Sigmoid()));
                options = new TrainerOptions { Epochs = 300, BatchSize = 4, LearningRate = 2.0, Seed = 1, Loss = new MeanSquaredError() };
                break;
            case "xor tanh bce":
                network = new Network(new Layer(2, 4, new Tanh()), new Layer(4, 1, new Sigmoid()));
                options = new TrainerOptions { Epochs = 300, BatchSize = 2, LearningRate = 0.5, Seed = 2, Loss = new BinaryCrossEntropy(), WeightDecay = 1e-3 };
                break;
            case "xor relu momentum":
                network = new Network(new Layer(2, 8, new ReLU()), new Layer(8, 1, new Sigmoid()));
                network.Initialize(seed: 7);
                options = new TrainerOptions { Epochs = 200, BatchSize = 4, LearningRate = 0.1, Seed = 3, Loss = new BinaryCrossEntropy(), Optimizer = new Sgd(momentum: 0.9, nesterov: true) };
                break;
            case "batch norm":
                network = new Network(new Layer(2, 8, new ReLU(), batchNorm: true), new Layer(8, 6, new Tanh(), batchNorm: true), new Layer(6, 1, new Sigmoid()));
                options = new TrainerOptions { Epochs = 100, BatchSize = 3, LearningRate = 0.2, Seed = 4, Loss = new BinaryCrossEntropy() };
                break;
            case "dropout":
                network = new Network(new Layer(2, 16, new ReLU(), dropout: 0.25), new Layer(16, 8, new Elu(), dropout: 0.5), new Layer(8, 1, new Sigmoid()));
                options = new TrainerOptions { Epochs = 150, BatchSize = 2, LearningRate = 0.3, Seed = 5, Loss = new BinaryCrossEntropy() };
                break;
            case "adam":
                network = new Network(new Layer(2, 6, new LeakyReLU()), new Layer(6, 6, new Softplus()), new Layer(6, 2, new Softmax()));
                y = TestData.Matrix(new double[,] { { 1, 0, 0, 1 }, { 0, 1, 1, 0 } });
                options = new TrainerOptions { Epochs = 100, BatchSize = 4, LearningRate = 0.01, Seed = 6, Loss = new CategoricalCrossEntropy(), Optimizer = new Adam() };
                break;
            case "mnist subset":
            {
                var (train, _) = MnistSubset.Load();
                var small = train.Take(300);
                network = new Network(new Layer(784, 24, new ReLU(), batchNorm: true, dropout: 0.1), new Layer(24, 16, new Sigmoid()), new Layer(16, 10, new Softmax()));
                var history = new Trainer(network, new TrainerOptions
                {
                    Epochs = 3, BatchSize = 32, LearningRate = 0.1, Seed = 8, Loss = new CategoricalCrossEntropy(),
                    Optimizer = new Sgd(momentum: 0.5), Augmentation = new RandomShift(), Schedule = new CosineDecay(),
                }).Train(small);
                return (network, history.Epochs[^1].Loss, small.Inputs.SubMatrix(0, 784, 0, 8));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(workload), workload, "unknown workload");
        }
        var trained = new Trainer(network, options).Train(x, y);
        return (network, trained.Epochs[^1].Loss, x);
    }
}
