using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.Tracing;
using NeuralNet.Tracing;

namespace NeuralNet.Tests.Exercises;

/// <summary>
/// Exercise 3 (beginner): reproduce `samples/Xor --trace` with nothing but scalar loops, one equation at a time.
/// The loops are what you would do on paper; the trace is the library's answer.
/// </summary>
public class Exercise03_TraceByHand
{
    [Fact]
    public void ScalarLoops_ReproduceEveryNumberOfTheXorTrace()
    {
        var network = ExerciseData.Xor();
        var (x, y) = (ExerciseData.XorInputs, ExerciseData.XorTargets);
        var trace = network.Trace(x, y, new MeanSquaredError(), new Sgd(momentum: 0.9), learningRate: 0.5);
        double[,] w1 = network.Dense(0).Weights.ToArray(), w2 = network.Dense(1).Weights.ToArray();
        double[] b1 = network.Dense(0).Biases.ToArray(), b2 = network.Dense(1).Biases.ToArray();
        const int m = 4, hidden = 3;

        // Forward: z = W·x + b, a = f(z), sample by sample.
        var z1 = new double[hidden, m]; var a1 = new double[hidden, m];
        var z2 = new double[1, m]; var a2 = new double[1, m];
        for (int s = 0; s < m; s++)
        {
            for (int j = 0; j < hidden; j++)
            {
                z1[j, s] = w1[j, 0] * x[0, s] + w1[j, 1] * x[1, s] + b1[j];
                a1[j, s] = Math.Tanh(z1[j, s]);
            }
            z2[0, s] = b2[0];
            for (int k = 0; k < hidden; k++) z2[0, s] += w2[0, k] * a1[k, s];
            a2[0, s] = 1 / (1 + Math.Exp(-z2[0, s]));
        }
        double cost = 0;
        for (int s = 0; s < m; s++) cost += 0.5 * (a2[0, s] - y[0, s]) * (a2[0, s] - y[0, s]) / m;

        // BP1: δ² = (a − y)·σ′(z²), σ′ = a(1 − a).   BP2: δ¹ⱼ = w²ⱼ·δ²·tanh′(z¹ⱼ), tanh′ = 1 − a².
        var d2 = new double[1, m]; var d1 = new double[hidden, m];
        for (int s = 0; s < m; s++)
        {
            d2[0, s] = (a2[0, s] - y[0, s]) * a2[0, s] * (1 - a2[0, s]);
            for (int j = 0; j < hidden; j++) d1[j, s] = w2[0, j] * d2[0, s] * (1 - a1[j, s] * a1[j, s]);
        }
        // BP3: ∂C/∂b = mean over samples of δ.   BP4: ∂C/∂wⱼₖ = mean over samples of δⱼ·(input)ₖ.
        var db1 = new double[hidden, 1]; var dw1 = new double[hidden, 2]; var db2 = new double[1, 1]; var dw2 = new double[1, hidden];
        for (int s = 0; s < m; s++)
        {
            db2[0, 0] += d2[0, s] / m;
            for (int k = 0; k < hidden; k++) dw2[0, k] += d2[0, s] * a1[k, s] / m;
            for (int j = 0; j < hidden; j++)
            {
                db1[j, 0] += d1[j, s] / m;
                for (int k = 0; k < 2; k++) dw1[j, k] += d1[j, s] * x[k, s] / m;
            }
        }

        const double tolerance = 1e-14;
        trace.Cost.ShouldBe(cost, tolerance);
        TraceAssert.Close(trace.Layers[0].WeightedInput, z1, tolerance);
        TraceAssert.Close(trace.Layers[0].Output, a1, tolerance);
        TraceAssert.Close(trace.Layers[1].WeightedInput, z2, tolerance);
        TraceAssert.Close(trace.Layers[1].Output, a2, tolerance);
        TraceAssert.Close(trace.Layers[1].Delta, d2, tolerance);
        TraceAssert.Close(trace.Layers[0].Delta, d1, tolerance);
        TraceAssert.Close(trace.Layers[1].BiasGradient.ToColumnMatrix(), db2, tolerance);
        TraceAssert.Close(trace.Layers[1].WeightGradient, dw2, tolerance);
        TraceAssert.Close(trace.Layers[0].BiasGradient.ToColumnMatrix(), db1, tolerance);
        TraceAssert.Close(trace.Layers[0].WeightGradient, dw1, tolerance);
        // The first momentum step is plain SGD: ΔW = −η·∂C/∂W.
        TraceAssert.Close(trace.Layers[1].WeightUpdate, ExerciseData.M(dw2) * -0.5, tolerance);
    }
}
