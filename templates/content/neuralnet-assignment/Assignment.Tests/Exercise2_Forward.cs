using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;

namespace Assignment.Tests;

/// <summary>Exercise 2 (25 points): the forward pass Z = W·X + b, A = f(Z).</summary>
public class Exercise2_Forward
{
    [Graded(10)]
    public void Forward_OneSampleByHand_IsWxPlusB_ThenF()
    {
        // W = [1 2; −1 0.5], b = (0.5, −1), x = (1, 2):  z = (1·1 + 2·2 + 0.5, −1·1 + 0.5·2 − 1) = (5.5, −1)
        var linear = new DenseLayer(2, 2, new Identity());
        var sigmoid = new DenseLayer(2, 2, new Sigmoid());
        foreach (var layer in new[] { linear, sigmoid })
        {
            Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { -1, 0.5 } }).CopyTo(layer.Weights);
            Vector<double>.Build.DenseOfArray([0.5, -1]).CopyTo(layer.Biases);
        }
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { 2 } });
        Close.Matrices(Matrix<double>.Build.DenseOfArray(new double[,] { { 5.5 }, { -1 } }), linear.Forward(x, training: true), "Z = W·x + b (identity f)");
        Close.Matrices(Matrix<double>.Build.DenseOfArray(new double[,] { { 1 / (1 + Math.Exp(-5.5)) }, { 1 / (1 + Math.Exp(1)) } }),
            sigmoid.Forward(x, training: true), "A = σ(W·x + b)");
    }

    [Graded(10)]
    public void Forward_ABatch_MatchesTheBuiltInLayer()
    {
        // m = 5 samples, then m = 2: b must be added to every column, whatever the batch size.
        var (yours, builtin) = Reference.Pair(3, 4, new Tanh(), seed: 1);
        foreach (int m in new[] { 5, 2 })
        {
            var x = Reference.Random(3, m, seed: 10 + m);
            Close.Matrices(builtin.Forward(x, training: true), yours.Forward(x, training: true), $"A for a batch of {m}");
        }
    }

    [Graded(5)]
    public void Forward_RejectsAnInputWithTheWrongNumberOfRows_NamingBoth()
    {
        var layer = new DenseLayer(3, 2, new Sigmoid());
        var wrong = Matrix<double>.Build.Dense(7, 4);
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(wrong, training: true));
        Assert.True(error.ParamName == "input",
            $"the exception should name the parameter, new ArgumentException(message, nameof(input)); its ParamName is {error.ParamName ?? "null"} ({error.Message})");
        Assert.True(error.Message.Contains('3') && error.Message.Contains('7'),
            $"the message should give the expected 3 rows and the received 7; it is: {error.Message}");
    }
}
