using NeuralNet.Activations;

namespace NeuralNet.Tests.Reference;

/// <summary>
/// A plain port of Nielsen's <c>backprop</c> (neural-networks-and-deep-learning, src/network.py): one sample at a time,
/// lists of z's and activations, nested loops for every product, no buffers, no GEMM, no fast path. It is the oracle
/// the fast <see cref="Layer"/> is checked against. Generalised in two places only: each layer has its own activation
/// (Nielsen's is σ everywhere), and the cost's gradient ∇ₐCₓ is passed in (Nielsen's <c>cost_derivative</c> is a − y).
/// </summary>
internal static class NielsenBackprop
{
    /// <summary>∂Cₓ/∂W and ∂Cₓ/∂b of one sample x (Nielsen's nabla_w, nabla_b), W as [layer][j][k].</summary>
    public static (double[][][] NablaW, double[][] NablaB) Backprop(
        double[][][] weights, double[][] biases, IActivation[] activations, double[] x, Func<double[], double[]> costDerivative)
    {
        int layers = weights.Length;
        var nablaW = weights.Select(w => w.Select(row => new double[row.Length]).ToArray()).ToArray();
        var nablaB = biases.Select(b => new double[b.Length]).ToArray();
        // feedforward
        var activation = x;
        var activationsList = new List<double[]> { x };      // all the activations, layer by layer
        var zs = new List<double[]>();                        // all the z vectors, layer by layer
        for (int l = 0; l < layers; l++)
        {
            var z = new double[biases[l].Length];
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = biases[l][j];
                for (int k = 0; k < activation.Length; k++) z[j] += weights[l][j][k] * activation[k];   // z = w·a + b
            }
            zs.Add(z);
            activation = Apply(activations[l], z);
            activationsList.Add(activation);
        }
        // backward pass
        var delta = Backward(activations[^1], zs[^1], activationsList[^1], costDerivative(activationsList[^1]));   // BP1
        for (int lAbove = layers - 1; ; lAbove--)
        {
            nablaB[lAbove] = delta;                                                                          // BP3
            var below = activationsList[lAbove];
            for (int j = 0; j < delta.Length; j++)
                for (int k = 0; k < below.Length; k++) nablaW[lAbove][j][k] = delta[j] * below[k];         // BP4
            if (lAbove == 0) break;
            var wtDelta = new double[below.Length];                                                          // (wˡ⁺¹)ᵀ δˡ⁺¹
            for (int k = 0; k < below.Length; k++)
                for (int j = 0; j < delta.Length; j++) wtDelta[k] += weights[lAbove][j][k] * delta[j];
            delta = Backward(activations[lAbove - 1], zs[lAbove - 1], below, wtDelta);                        // BP2
        }
        return (nablaW, nablaB);
    }

    /// <summary>a = f(z): the scalar definition for element-wise activations, softmax written out (with the max subtracted).</summary>
    private static double[] Apply(IActivation f, double[] z)
    {
        if (f is ElementwiseActivation e) return z.Select(e.Apply).ToArray();
        if (f is not Softmax) throw new NotSupportedException(f.Name);
        double max = z.Max();
        var exp = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = exp.Sum();
        return exp.Select(v => v / sum).ToArray();
    }

    /// <summary>δ = ∂C/∂z from ∂C/∂a: ∂C/∂a ⊙ f′(z) element-wise; for softmax, Jᵀ·∂C/∂a with J_ij = a_i(δ_ij − a_j).</summary>
    private static double[] Backward(IActivation f, double[] z, double[] a, double[] dA)
    {
        if (f is ElementwiseActivation e) return z.Select((v, i) => dA[i] * e.Derivative(v, a[i])).ToArray();
        var delta = new double[z.Length];
        for (int j = 0; j < z.Length; j++)
            for (int i = 0; i < z.Length; i++) delta[j] += a[i] * ((i == j ? 1 : 0) - a[j]) * dA[i];
        return delta;
    }
}
