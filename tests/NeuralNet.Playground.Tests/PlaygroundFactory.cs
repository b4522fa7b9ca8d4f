using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NeuralNet.Playground.Tests;

/// <summary>
/// The playground on ASP.NET Core's in-memory test server, with limits scaled down so the tests are fast: a playing session
/// publishes every 20 ms after 5 ms of training, at most 3 sessions and 2 watchers each. Sessions idle out after 5 minutes,
/// far longer than any test: a test that closes one event stream and opens the next must not lose its session to the reaper
/// when a loaded CI machine stalls it for a second. The idle timeout itself is tested with <see cref="ShortIdlePlaygroundFactory"/>.
/// </summary>
public class PlaygroundFactory : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string> FastLimits = new Dictionary<string, string>
    {
        ["Playground:IdleTimeout"] = "00:05:00",
        ["Playground:FrameInterval"] = "00:00:00.020",
        ["Playground:TrainingPerFrame"] = "00:00:00.005",
        ["Playground:MaxSessions"] = "3",
        ["Playground:MaxWatchersPerSession"] = "2",
    };

    /// <summary>The settings this factory applies on top of <see cref="FastLimits"/>.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Overrides => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in FastLimits.Concat(Overrides)) builder.UseSetting(key, value);
    }
}

/// <summary><see cref="PlaygroundFactory"/> with sessions that idle out after 2 s, for the tests of the idle timeout.</summary>
public sealed class ShortIdlePlaygroundFactory : PlaygroundFactory
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    protected override IEnumerable<KeyValuePair<string, string>> Overrides => [new("Playground:IdleTimeout", IdleTimeout.ToString("c"))];
}

/// <summary>Calls of the HTTP API shared by the tests.</summary>
public static class Api
{
    /// <summary>POST /api/sessions with a JSON body; returns the id (the answer must be 201).</summary>
    public static async Task<string> CreateSession(HttpClient client, object config)
    {
        var response = await client.PostAsJsonAsync("/api/sessions", config);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    public static async Task Command(HttpClient client, string id, string command)
    {
        var response = await client.PostAsync($"/api/sessions/{id}/{command}", null);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
    }

    /// <summary>
    /// Reads the session's event stream until <paramref name="until"/> holds for a snapshot (returned with every snapshot
    /// before it), or fails after <paramref name="timeoutSeconds"/>. <paramref name="onOpen"/> runs once the stream is open.
    /// </summary>
    public static async Task<List<JsonElement>> ReadSnapshots(HttpClient client, string id, Func<JsonElement, bool> until,
        Func<Task>? onOpen = null, double timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        using var response = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.Content.Headers.ContentType!.MediaType != "text/event-stream")
            throw new ShouldAssertException($"GET /api/sessions/{id}/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout.Token)}");
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        if (onOpen is not null) await onOpen();
        var snapshots = new List<JsonElement>();
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
            {
                var snapshot = JsonDocument.Parse(item.Data).RootElement;
                snapshots.Add(snapshot);
                if (until(snapshot)) return snapshots;
            }
        }
        catch (OperationCanceledException) { }
        throw new ShouldAssertException($"No snapshot met the condition within {timeoutSeconds} s; received {snapshots.Count}, last epoch " +
            (snapshots.Count > 0 ? snapshots[^1].GetProperty("epoch").GetInt32() : -1) + ".");
    }

    public static int Epoch(JsonElement snapshot) => snapshot.GetProperty("epoch").GetInt32();
}
