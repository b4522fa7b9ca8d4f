using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Playground;
using static NeuralNet.Playground.Tests.Api;

namespace NeuralNet.Playground.Tests;

/// <summary>Sessions are bounded: at most MaxSessions (3 here), at most MaxWatchersPerSession streams (2). The idle timeout is in <see cref="IdleTimeoutTests"/>.</summary>
public sealed class SessionLimitTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    private static readonly object Small = new { dataset = "xor", hidden = new[] { 4 }, points = 40 };

    private SessionStore Store => factory.Services.GetRequiredService<SessionStore>();

    [Fact]
    public async Task BeyondMaxSessions_Answers503WithAClearMessage_AndDeletingOneMakesRoom()
    {
        var client = factory.CreateClient();
        var ids = new List<string>();
        for (int i = 0; i < 3; i++) ids.Add(await CreateSession(client, Small));

        var refused = await client.PostAsJsonAsync("/api/sessions", Small);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("already runs 3 sessions (Playground:MaxSessions)");
        refused.Headers.RetryAfter.ShouldNotBeNull();

        (await client.DeleteAsync($"/api/sessions/{ids[0]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        ids[0] = await CreateSession(client, Small);
        foreach (string id in ids) await client.DeleteAsync($"/api/sessions/{id}");
        Store.Count.ShouldBe(0);
    }

    [Fact]
    public async Task BeyondMaxWatchers_TheNextStreamAnswers503()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, Small);
        using var first = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);

        using var third = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        third.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await third.Content.ReadAsStringAsync()).ShouldContain("already has 2 open event streams");
        await client.DeleteAsync($"/api/sessions/{id}");
    }

    [Fact]
    public async Task DeletingASession_EndsItsEventStream()
    {
        var client = factory.CreateClient();
        string id = await CreateSession(client, Small);
        using var response = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();

        await client.DeleteAsync($"/api/sessions/{id}");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var rest = await new StreamReader(stream).ReadToEndAsync(timeout.Token);   // returns: the server closed the stream
        rest.ShouldStartWith("data: {\"epoch\":0");
    }
}
