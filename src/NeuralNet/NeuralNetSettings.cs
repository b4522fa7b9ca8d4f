using NeuralNet.Internal;
using NeuralNet.LinearAlgebra;

namespace NeuralNet;

/// <summary>Process-wide settings of the library's machinery (not of any model).</summary>
/// <remarks>
/// <para><b>Threads.</b> Large matrix products (and the vector passes of big layers) are split over up to
/// <see cref="MaxThreads"/> threads: the calling thread plus background workers, one per other logical processor. Parts
/// are claimed by whoever is free, so when another process keeps the cores busy the caller simply does them all: under
/// load a product is never much slower than on one core, and after a few products that the workers missed the library
/// runs serially for a while (1–125 ms, adaptively) instead of waking them. Results are bit-identical whatever the setting.</para>
/// <para>Services that serve one request per thread set <c>MaxThreads = 1</c>: every product then runs on the calling
/// thread only, and many requests use many cores without competing for the workers.</para>
/// </remarks>
public static class NeuralNetSettings
{
    /// <summary>
    /// The most threads one matrix product may use; ≥ 1, default <see cref="Environment.ProcessorCount"/> (the environment
    /// variable <c>DOTNET_PROCESSOR_COUNT</c> lowers it for the whole process). Values above the processor count act as the
    /// processor count. May be changed at any time, from any thread; products already running finish as they started.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public static int MaxThreads
    {
        get => GemmParallel.MaxThreads;
        set
        {
            Guard.Positive(value, nameof(MaxThreads));
            GemmParallel.MaxThreads = value;
        }
    }
}
