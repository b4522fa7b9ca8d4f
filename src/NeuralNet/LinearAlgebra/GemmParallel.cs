using System.Runtime.CompilerServices;

namespace NeuralNet.LinearAlgebra;

/// <summary>Work that <see cref="GemmParallel"/> can split: part <c>part</c> of <c>parts</c>, disjoint from the others.</summary>
internal interface IParallelWork
{
    void RunPart(int part, int parts);
}

/// <summary>
/// A tiny fork–join scheme for large products: <c>ProcessorCount − 1</c> dedicated background threads, woken per
/// call, that take parts of the same <see cref="GemmJob"/> while the caller takes parts too.
/// Unlike <c>Parallel.For</c> it allocates nothing per call, so training steps stay allocation-free.
/// </summary>
/// <remarks>
/// <para>One job runs at a time; a caller that finds the workers busy (another thread is multiplying) gets
/// <see langword="false"/> from <see cref="TryRun(in GemmJob, int)"/> and computes on its own thread instead.
/// Parts write disjoint blocks of C, so the result does not depend on how many parts run, on which thread, or on their timing.</para>
/// <para><b>Under load.</b> Parts are claimed, not assigned: the caller starts on part 0 and goes on with any part no worker
/// has claimed yet, so a worker that the operating system does not schedule in time (another process keeps the cores busy)
/// costs no more than the serial product. When that happens several times in a row the machine is taken to be contended:
/// for a while (1 ms, doubling up to 128 ms while it lasts) every product runs on the caller alone, with no wake-ups, and
/// idle workers block at once instead of spinning. <see cref="MaxThreads"/> (<c>NeuralNetSettings.MaxThreads</c>) caps the
/// threads per product; 1 turns the workers off.</para>
/// </remarks>
internal static class GemmParallel
{
    private static readonly object s_gate = new();
    /// <summary>How long an idle worker spins before it blocks: the products of a training step, and of the next
    /// steps, then start without a kernel wake-up, while an idle process does not keep a core busy for long.
    /// 2 ms covers the gaps between the parallel products of a step (element-wise passes, the optimizer update,
    /// the next batch's gather, ≈ 0.1–0.5 ms); see benchmarks/results/HISTORY.md, "Tuning constants".</summary>
    private static readonly long s_spinTicks = System.Diagnostics.Stopwatch.Frequency / 500; // 2 ms
    private static readonly long s_minBackOffTicks = System.Diagnostics.Stopwatch.Frequency / 1000;   // 1 ms
    private static readonly long s_maxBackOffTicks = System.Diagnostics.Stopwatch.Frequency / 8;      // 125 ms
    /// <summary>Products in a row in which no worker took a part before the caller had done them all: then back off.</summary>
    private const int LateLimit = 3;
    private static SemaphoreSlim[]? s_start;
    private static GemmJob s_job;
    private static IParallelWork? s_work;   // non-null: the workers run this instead of s_job
    /// <summary>The current job's ticket: generation (bits 32–63), parts (16–31), next unclaimed part (0–15).</summary>
    private static long s_ticket;
    private static int s_remaining;         // parts not yet finished
    private static int s_late;              // consecutive products the workers missed
    private static long s_backOffTicks, s_serialUntil;
    private static volatile bool s_contended;
    private static volatile int s_maxThreads = int.MaxValue;

    /// <summary>Logical processors: the caller plus one worker per other processor.</summary>
    private static readonly int s_processors = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Parts that can run at once: the caller plus one worker per other logical processor, at most <see cref="MaxThreads"/>.</summary>
    public static int MaxParts => Math.Min(s_processors, s_maxThreads);

    /// <summary>The most threads one product may use (≥ 1); values above the processor count act as the processor count.</summary>
    public static int MaxThreads
    {
        get => Math.Min(s_processors, s_maxThreads);
        set => s_maxThreads = value;
    }

    /// <summary>
    /// Runs <paramref name="job"/> split into <paramref name="parts"/> parts (2 ≤ parts ≤ <see cref="MaxParts"/>)
    /// and returns when all have finished; returns <see langword="false"/> without running anything if the workers
    /// are busy with another caller's job, or the machine is contended (see the remarks).
    /// </summary>
    public static bool TryRun(in GemmJob job, int parts) => TryRun(in job, null, parts);

    /// <summary>
    /// Runs <paramref name="work"/> split into <paramref name="parts"/> parts on the same workers (the caller takes parts
    /// too); <see langword="false"/> without running anything if they are busy. Allocates nothing.
    /// </summary>
    public static bool TryRun(IParallelWork work, int parts) => TryRun(in Unsafe.NullRef<GemmJob>(), work, parts);

    private static bool TryRun(in GemmJob job, IParallelWork? work, int parts)
    {
        if (parts < 2 || MaxParts < 2 || parts > 0xFFFF) return false;
        if (s_contended && System.Diagnostics.Stopwatch.GetTimestamp() < Volatile.Read(ref s_serialUntil)) return false;
        if (!Monitor.TryEnter(s_gate)) return false;

        try
        {
            SemaphoreSlim[] start = s_start ??= StartWorkers();
            s_work = work;
            if (work is null)
            {
                s_job = job;
            }

            Volatile.Write(ref s_remaining, parts);
            long generation = (Volatile.Read(ref s_ticket) >> 32) + 1;
            Interlocked.Exchange(ref s_ticket, (generation << 32) | ((long)parts << 16));   // publishes the job: parts may be claimed from here on
            int wake = Math.Min(parts, MaxParts) - 1;
            for (int w = 0; w < wake && w < start.Length; w++)
            {
                start[w].Release();
            }

            int mine = RunParts();
            var spinner = new SpinWait();
            while (Volatile.Read(ref s_remaining) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);    // yields now and then, so a worker preempted on this core can finish
            }

            Observe(workersTookNone: mine == parts);
            s_job = default; // drop the pointers: they are only valid while the caller's `fixed` holds
            s_work = null;
            return true;
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
    }

    /// <summary>Claims and runs parts of the current job until none is left; returns how many this thread ran.</summary>
    private static int RunParts()
    {
        int ran = 0;
        while (true)
        {
            long ticket = Volatile.Read(ref s_ticket);
            int next = (int)(ticket & 0xFFFF), parts = (int)((ticket >> 16) & 0xFFFF);
            if (next >= parts) return ran;
            if (Interlocked.CompareExchange(ref s_ticket, ticket + 1, ticket) != ticket) continue;   // another thread took it
            try
            {
                // the job was written before its ticket was published and stays until every claimed part has finished
                if (s_work is { } work) work.RunPart(next, parts);
                else Gemm.RunPart(in s_job, next, parts);
            }
            finally
            {
                Interlocked.Decrement(ref s_remaining);
            }
            ran++;
        }
    }

    /// <summary>Contention detection: <see cref="LateLimit"/> products in a row that the workers missed start a serial spell.</summary>
    private static void Observe(bool workersTookNone)
    {
        if (!workersTookNone)
        {
            (s_late, s_backOffTicks, s_contended) = (0, 0, false);
            return;
        }
        if (++s_late < LateLimit) return;
        s_late = 0;
        s_backOffTicks = Math.Clamp(s_backOffTicks * 2, s_minBackOffTicks, s_maxBackOffTicks);
        Volatile.Write(ref s_serialUntil, System.Diagnostics.Stopwatch.GetTimestamp() + s_backOffTicks);
        s_contended = true;
    }

    private static SemaphoreSlim[] StartWorkers()
    {
        var start = new SemaphoreSlim[s_processors - 1];
        for (int w = 0; w < start.Length; w++)
        {
            start[w] = new SemaphoreSlim(0);
            var thread = new Thread(Worker) { IsBackground = true, Name = $"NeuralNet GEMM worker {w + 1}" };
            thread.Start(start[w]);
        }

        return start;
    }

    private static void Worker(object? state)
    {
        var start = (SemaphoreSlim)state!;
        while (true)
        {
            long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (s_contended ? 0 : s_spinTicks);
            while (start.CurrentCount == 0 && System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(20);
            }

            start.Wait();
            RunParts();             // a late wake-up finds every part claimed and goes back to sleep
        }
    }
}
