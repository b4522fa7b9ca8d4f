using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Playground;
using Xunit.Abstractions;

namespace NeuralNet.Playground.Tests;

[CollectionDefinition(nameof(LoadTests), DisableParallelization = true)]
public sealed class LoadCollection;

/// <summary>
/// 20 sessions playing at once on Kestrel (loopback) with the default limits (a snapshot at most every 100 ms after 25 ms of
/// training), each watched by its own event stream. In the suite it runs until every session has streamed 3 snapshots and
/// trained (at most 60 s: on a busy machine it takes longer, it does not fail; only a starved session fails it); for the
/// figures run it for a fixed time, alone:
/// <c>PLAYGROUND_LOAD_SECONDS=60 dotnet test tests/NeuralNet.Playground.Tests --filter LoadTests --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(nameof(LoadTests))]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Sessions = 20;

    [Fact]
    public async Task TwentySessions_EachKeepStreamingSnapshotsAndTraining()
    {
        string? fixedSeconds = Environment.GetEnvironmentVariable("PLAYGROUND_LOAD_SECONDS");
        double seconds = fixedSeconds is null ? 60 : double.Parse(fixedSeconds, CultureInfo.InvariantCulture);
        await using var app = PlaygroundApp.Build(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        // the README's deep sigmoid lecture link, 400 points: a 2→8→8→8→8→8→1 network, 20 mini-batches an epoch
        var config = new { dataset = "spiral", activation = "sigmoid", init = "lecun", hidden = new[] { 8, 8, 8, 8, 8 }, learningRate = 0.1 };
        var ids = new List<string>();
        for (int i = 0; i < Sessions; i++) ids.Add(await Api.CreateSession(client, config));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var process = Process.GetCurrentProcess();
        long peakWorkingSet = 0, peakHeap = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                await Task.Delay(100);
            }
        });
        var clock = Stopwatch.StartNew();
        var cpuBefore = process.TotalProcessorTime;
        var progress = new Progress[Sessions];
        for (int i = 0; i < Sessions; i++) progress[i] = new Progress();
        var watchers = ids.Select((id, i) => Watch(client, id, progress[i], stop.Token)).ToArray();
        foreach (string id in ids) await Api.Command(client, id, "play");
        while (!stop.IsCancellationRequested && (fixedSeconds is not null || !progress.All(p => p.Snapshots >= 3 && p.Epoch > 0)))
            await Task.Delay(50);
        stop.Cancel();
        var results = await Task.WhenAll(watchers);
        double elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cores = (process.TotalProcessorTime - cpuBefore).TotalSeconds / elapsed;
        await sampler;
        foreach (string id in ids) await client.DeleteAsync($"/api/sessions/{id}");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long heapAfter = GC.GetTotalMemory(true);

        var rates = results.Select(r => r.Snapshots / elapsed).Order().ToArray();
        var epochRates = results.Select(r => r.LastEpoch / elapsed).Order().ToArray();
        output.WriteLine($"{Sessions} sessions, {elapsed:0.0} s, {Environment.ProcessorCount} cores, of which the process got {cores:0.00} (server and clients)");
        output.WriteLine($"snapshots/s per session: min {rates[0]:0.0}, median {rates[Sessions / 2]:0.0}, max {rates[^1]:0.0}");
        output.WriteLine($"epochs/s per session: min {epochRates[0]:0}, median {epochRates[Sessions / 2]:0}, max {epochRates[^1]:0}");
        output.WriteLine($"snapshot size: {results.Average(r => r.Bytes / Math.Max(1, r.Snapshots)) / 1024:0.0} KiB; streamed {results.Sum(r => r.Bytes) / elapsed / 1024 / 1024:0.00} MiB/s in all");
        output.WriteLine($"peak working set {peakWorkingSet / 1024 / 1024} MiB, peak managed heap {peakHeap / 1024 / 1024} MiB, heap after the sessions ended {heapAfter / 1024 / 1024} MiB");

        foreach (var result in results)
        {
            result.Snapshots.ShouldBeGreaterThanOrEqualTo(3, "every session keeps streaming");   // the first, then new epochs
            result.LastEpoch.ShouldBeGreaterThan(0, "every session trains");
        }
    }

    private sealed record Watched(int Snapshots, int LastEpoch, long Bytes);

    private sealed class Progress
    {
        public volatile int Snapshots, Epoch;
    }

    private static async Task<Watched> Watch(HttpClient client, string id, Progress progress, CancellationToken stop)
    {
        int snapshots = 0, epoch = 0;
        long bytes = 0;
        try
        {
            using var response = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead, stop);
            await using var stream = await response.Content.ReadAsStreamAsync(stop);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop))
            {
                snapshots++;
                bytes += item.Data.Length;
                using var snapshot = JsonDocument.Parse(item.Data);
                epoch = snapshot.RootElement.GetProperty("epoch").GetInt32();
                (progress.Snapshots, progress.Epoch) = (snapshots, epoch);
            }
        }
        catch (OperationCanceledException) { }
        return new Watched(snapshots, epoch, bytes);
    }
}
