using System.Diagnostics;
using System.Net;
using static NeuralNet.Playground.Tests.Api;

namespace NeuralNet.Playground.Tests;

/// <summary>Sessions nobody watches are freed after the idle timeout (2 s here); a watched session stays.</summary>
public sealed class IdleTimeoutTests(ShortIdlePlaygroundFactory factory) : IClassFixture<ShortIdlePlaygroundFactory>
{
    private static readonly object Small = new { dataset = "xor", hidden = new[] { 4 }, points = 40 };

    [Fact]
    public async Task AnUnwatchedSession_IsFreedAfterTheIdleTimeout()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, Small);
        await Command(client, id, "play");                   // even while playing: nobody watches it

        await WaitUntil(async () => (await client.GetAsync($"/api/sessions/{id}")).StatusCode == HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/sessions/{id}/step", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWatchedSession_StaysWhileItsStreamIsOpen_AndIsFreedAfterItCloses()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, Small);

        using (var stream = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead))
        {
            stream.StatusCode.ShouldBe(HttpStatusCode.OK);
            await Task.Delay(ShortIdlePlaygroundFactory.IdleTimeout * 2.5);    // two and a half idle timeouts while watched
            (await client.GetAsync($"/api/sessions/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await WaitUntil(async () => (await client.GetAsync($"/api/sessions/{id}")).StatusCode == HttpStatusCode.NotFound);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, double seconds = 30)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.TotalSeconds.ShouldBeLessThan(seconds, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
