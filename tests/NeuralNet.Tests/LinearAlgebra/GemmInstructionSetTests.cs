using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using NeuralNet.LinearAlgebra;
using NeuralNet.Tests.Packaging;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// The kernels as a machine without AVX2 (an older x64 laptop), without AVX, without any SIMD, or with 128-bit vectors
/// only (as on ARM64) runs them: each case is a child process of this test assembly with the JIT's instruction sets
/// turned off by the runtime's DOTNET_Enable… settings, running <see cref="GemmInstructionSetCheck"/>.
/// </summary>
public class GemmInstructionSetTests
{
    /// <summary>True on the machines these cases were written for: x64 with AVX2 and FMA, where each setting selects a known kernel.</summary>
    private static readonly bool Avx2Host = RuntimeInformation.ProcessArchitecture == Architecture.X64 && Avx2.IsSupported && Fma.IsSupported;

    // setting, value; then, on an AVX2 host, the kernel the child must choose and whether it rounds a·b + c once (FMA).
    public static TheoryData<string, string, string, bool> Settings => new()
    {
        { "DOTNET_EnableAVX2", "0", nameof(GemmKernel.Vector128), false },        // x64 without AVX2, which .NET 10 turns FMA off with
        { "DOTNET_EnableAVX", "0", nameof(GemmKernel.Vector128), false },         // SSE only
        { "DOTNET_EnableHWIntrinsic", "0", nameof(GemmKernel.Scalar), false },    // no SIMD at all
        { "DOTNET_PreferredVectorBitWidth", "128", nameof(GemmKernel.Vector128), true },   // 128-bit vectors with FMA, as ARM64's NEON
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Kernels_WithInstructionSetsTurnedOff_MatchTheNaiveLoopAndTraining(string setting, string value, string kernel, bool fused)
    {
        var (exitCode, output) = RunCheck(setting, value);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("ok: training on the kernel matches", customMessage: output);
        if (!Avx2Host) return;   // elsewhere the settings select other kernels; the child's own checks above still ran
        output.ShouldContain($"kernel={kernel} fused={fused} ", customMessage: output);
        if (fused)
        {
            // Same rounding rule, another vector width: the very same bits as the Vector256 kernel in this process.
            output.ShouldContain($"gemm-digest={GemmInstructionSetCheck.Digest()}", customMessage: output);
        }
    }

    [Fact]
    public void UnfusedKernels_AgreeBitForBitWhicheverInstructionSetRunsThem()
    {
        // SSE with AVX, SSE alone and no SIMD at all round a·b + c twice the same way: the same products to the bit.
        string[] digests = [.. new[] { ("DOTNET_EnableAVX2", "0"), ("DOTNET_EnableAVX", "0"), ("DOTNET_EnableHWIntrinsic", "0") }
            .Select(s => RunCheck(s.Item1, s.Item2).Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("gemm-digest=")))];
        digests.Distinct().Count().ShouldBe(1, string.Join("\n", digests));
        if (Avx2Host) digests[0].ShouldNotBe($"gemm-digest={GemmInstructionSetCheck.Digest()}", "the fused Vector256 kernel rounds once per a·b + c, so some bits differ");
    }

    [Fact]
    public void Check_InThisProcess_PassesAndUsesTheWidestKernel()
    {
        var output = new StringWriter();
        GemmInstructionSetCheck.Run(output).ShouldBe(0, output.ToString());
        if (Avx2Host) output.ToString().ShouldContain("kernel=Vector256 fused=True ");
    }

    private static readonly ConcurrentDictionary<(string, string), Lazy<(int ExitCode, string Output)>> s_runs = new();

    /// <summary>
    /// Runs <c>dotnet exec NeuralNet.Tests.dll gemm-check</c> with <paramref name="setting"/>=<paramref name="value"/>,
    /// once per setting for all the tests here (each run takes a few seconds).
    /// </summary>
    private static (int ExitCode, string Output) RunCheck(string setting, string value) =>
        s_runs.GetOrAdd((setting, value), key => new Lazy<(int, string)>(() => Launch(key.Item1, key.Item2))).Value;

    private static (int ExitCode, string Output) Launch(string setting, string value)
    {
        string assembly = typeof(GemmInstructionSetTests).Assembly.Location;
        var start = new ProcessStartInfo(DotNetCli.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", assembly, GemmInstructionSetCheck.Argument }) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase) ||
                                                              n.StartsWith("DOTNET_PreferredVectorBitWidth", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(name);
        start.Environment[setting] = value;

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{setting}={value}: the check did not finish in 2 minutes; its output:\n{output}");
        }

        return (process.ExitCode, $"{setting}={value}:\n{output}{error.Result}");
    }
}
