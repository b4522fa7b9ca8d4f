using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>Switches MathNet's dense double matrix products to NeuralNet's <see cref="Gemm"/> kernel.</summary>
public static class FastLinearAlgebra
{
    /// <summary>
    /// Installs <see cref="FastLinearAlgebraProvider.Instance"/> as MathNet's linear-algebra provider
    /// (<c>LinearAlgebraControl.Provider</c>, the one <c>Control.LinearAlgebraProvider</c> returns), so every
    /// dense double product, e.g. <c>W.Multiply(X, Z)</c>, runs on the kernel. Idempotent; process-wide.
    /// </summary>
    public static void Use()
    {
        if (!IsInUse)
        {
            LinearAlgebraControl.Provider = FastLinearAlgebraProvider.Instance;
        }
    }

    /// <summary>True when MathNet's current provider is <see cref="FastLinearAlgebraProvider"/>.</summary>
    public static bool IsInUse => LinearAlgebraControl.Provider is FastLinearAlgebraProvider;
}
