using NeuralNet.Activations;

namespace Assignment.Tests;

/// <summary>Exercise 3, the layer alone (30 of its 55 points): BP3, BP4 and BP2 against the built-in Layer.</summary>
public class Exercise3_Backward
{
    /// <summary>Forward and backward through your layer and the built-in one on the same batch and the same dA.</summary>
    private static (DenseLayer Yours, NeuralNet.Layer Builtin, MathNet.Numerics.LinearAlgebra.Matrix<double>? YourDX,
        MathNet.Numerics.LinearAlgebra.Matrix<double>? BuiltinDX) Step(bool computeInputGradient = true)
    {
        var (yours, builtin) = Reference.Pair(3, 4, new Sigmoid(), seed: 2);
        var x = Reference.Random(3, 5, seed: 20);
        var dA = Reference.Random(4, 5, seed: 21);   // ∂C/∂A per sample, as the layer above would pass it
        yours.Forward(x, training: true);
        builtin.Forward(x, training: true);
        var yourDX = yours.Backward(dA, computeInputGradient);
        var builtinDX = builtin.Backward(dA, computeInputGradient);
        return (yours, builtin, yourDX, builtinDX);
    }

    [Graded(10)]
    public void Backward_BiasGradient_IsTheMeanOfDeltasColumns_BP3()
    {
        var (yours, builtin, _, _) = Step();
        Close.Vectors(builtin.BiasGradient, yours.BiasGradient, "∂C/∂b = Σ_columns δ / m");
    }

    [Graded(10)]
    public void Backward_WeightGradient_IsDeltaTimesXTransposed_OverM_BP4()
    {
        var (yours, builtin, _, _) = Step();
        Close.Matrices(builtin.WeightGradient, yours.WeightGradient, "∂C/∂W = δ·Xᵀ / m");
    }

    [Graded(10)]
    public void Backward_InputGradient_IsWTransposedDelta_AndNullWhenNotAsked_BP2()
    {
        var (_, _, yourDX, builtinDX) = Step();
        Close.Matrices(builtinDX!, yourDX, "dX = Wᵀ·δ");
        var (_, _, notAsked, _) = Step(computeInputGradient: false);
        Assert.True(notAsked is null, "Backward(dA, computeInputGradient: false) should return null");
    }
}
