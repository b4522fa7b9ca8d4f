using NeuralNet.Tests.LinearAlgebra;

namespace NeuralNet.Tests;

/// <summary>
/// The test assembly's entry point. <c>dotnet test</c> never calls it; <c>dotnet exec NeuralNet.Tests.dll gemm-check</c>
/// runs the kernel checks in a process of its own, so that <see cref="GemmInstructionSetTests"/> can run them with the
/// JIT's instruction sets turned off (the runtime reads those settings once, at start-up).
/// </summary>
internal static class Program
{
    public static int Main(string[] args) =>
        args is [GemmInstructionSetCheck.Argument] ? GemmInstructionSetCheck.Run(Console.Out) : 2;
}
