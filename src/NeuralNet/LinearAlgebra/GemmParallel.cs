using System.Runtime.CompilerServices;

namespace NeuralNet.LinearAlgebra;

/// <summary>Work that <see cref="GemmParallel"/> can split: part <c>part</c> of <c>parts</c>, disjoint from the others.</summary>
internal interface IParallelWork
{
    void RunPart(int part, int parts);
}

/// <summary>
/// A tiny fork–join scheme for large products: <c>ProcessorCount − 1</c> dedicated background threads, woken per
/// call, each running one part of the same <see cref="GemmJob"/> while the caller runs part 0.
/// Unlike <c>Parallel.For</c> it allocates nothing per call, so training steps stay allocation-free.
/// </summary>
/// <remarks>
/// One job runs at a time; a caller that finds the workers busy (another thread is multiplying) gets
/// <see langword="false"/> from <see cref="TryRun(in GemmJob, int)"/> and computes on its own thread instead.
/// Parts write disjoint blocks of C, so the result does not depend on how many parts run or on their timing.
/// </remarks>
internal static class GemmParallel
{
    private static readonly object s_gate = new();
    /// <summary>How long an idle worker spins before it blocks: the products of a training step, and of the next
    /// steps, then start without a kernel wake-up, while an idle process does not keep a core busy for long.
    /// 2 ms covers the gaps between the parallel products of a step (element-wise passes, the optimizer update,
    /// the next batch's gather, ≈ 0.1–0.5 ms); see benchmarks/results/HISTORY.md, "Tuning constants".</summary>
    private static readonly long s_spinTicks = System.Diagnostics.Stopwatch.Frequency / 500; // 2 ms
    private static SemaphoreSlim[]? s_start;
    private static GemmJob s_job;
    private static IParallelWork? s_work;   // non-null: the workers run this instead of s_job
    private static int s_parts;
    private static int s_pending;

    /// <summary>Parts that can run at once: the caller plus one worker per other logical processor.</summary>
    public static int MaxParts { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Runs <paramref name="job"/> split into <paramref name="parts"/> parts (2 ≤ parts ≤ <see cref="MaxParts"/>)
    /// and returns when all have finished; returns <see langword="false"/> without running anything if the workers
    /// are busy with another caller's job.
    /// </summary>
    public static bool TryRun(in GemmJob job, int parts) => TryRun(in job, null, parts);

    /// <summary>
    /// Runs <paramref name="work"/> split into <paramref name="parts"/> parts on the same workers (the caller runs
    /// part 0); <see langword="false"/> without running anything if they are busy. Allocates nothing.
    /// </summary>
    public static bool TryRun(IParallelWork work, int parts) => TryRun(in Unsafe.NullRef<GemmJob>(), work, parts);

    private static bool TryRun(in GemmJob job, IParallelWork? work, int parts)
    {
        if (!Monitor.TryEnter(s_gate))
        {
            return false;
        }

        try
        {
            SemaphoreSlim[] start = s_start ??= StartWorkers();
            s_work = work;
            if (work is null)
            {
                s_job = job;
            }

            s_parts = parts;
            Volatile.Write(ref s_pending, parts - 1);
            for (int w = 0; w < parts - 1; w++)
            {
                start[w].Release();
            }

            if (work is null)
            {
                Gemm.RunPart(in s_job, 0, parts);
            }
            else
            {
                work.RunPart(0, parts);
            }

            var spinner = new SpinWait();
            while (Volatile.Read(ref s_pending) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            s_job = default; // drop the pointers: they are only valid while the caller's `fixed` holds
            s_work = null;
            return true;
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
    }

    private static SemaphoreSlim[] StartWorkers()
    {
        var start = new SemaphoreSlim[MaxParts - 1];
        for (int w = 0; w < start.Length; w++)
        {
            start[w] = new SemaphoreSlim(0);
            var thread = new Thread(Worker) { IsBackground = true, Name = $"NeuralNet GEMM worker {w + 1}" };
            thread.Start((w, start[w]));
        }

        return start;
    }

    private static void Worker(object? state)
    {
        var (w, start) = ((int, SemaphoreSlim))state!;
        while (true)
        {
            long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + s_spinTicks;
            while (start.CurrentCount == 0 && System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(20);
            }

            start.Wait();
            try
            {
                if (s_work is { } work)
                {
                    work.RunPart(w + 1, s_parts);
                }
                else
                {
                    Gemm.RunPart(in s_job, w + 1, s_parts);
                }
            }
            finally
            {
                Interlocked.Decrement(ref s_pending);
            }
        }
    }
}
