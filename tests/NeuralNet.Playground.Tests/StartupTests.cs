using Playground;

namespace NeuralNet.Playground.Tests;

/// <summary>How the server starts: loopback unless told otherwise, and a bad option stops it with a message.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task WithoutUrls_ItListensOnLoopbackOnly()
    {
        await using var app = PlaygroundApp.Build([]);

        app.Configuration["urls"].ShouldBe("http://127.0.0.1:5080");
    }

    [Fact]
    public async Task TheUrlsOption_IsHonoured()
    {
        await using var app = PlaygroundApp.Build(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();

        app.Urls.Single().ShouldStartWith("http://127.0.0.1:");
        app.Urls.Single().ShouldNotBe("http://127.0.0.1:0");    // the port the system chose
        await app.StopAsync();
    }

    [Fact]
    public void AMalformedUrl_IsRefusedRatherThanReadAsEveryInterface()
    {
        var e = Should.Throw<FormatException>(() => PlaygroundApp.Build(["--urls", "http://127.0.0.1:abc"]));

        e.Message.ShouldBe("--urls: 'http://127.0.0.1:abc' is not an address such as http://127.0.0.1:5080.");
    }

    [Theory]
    [InlineData("--Playground:MaxSessions=0", "Playground:MaxSessions must be at least 1. Received: 0.")]
    [InlineData("--Playground:IdleTimeout=00:00:00", "Playground:IdleTimeout must be a positive time span")]
    [InlineData("--Playground:FrameInterval=soon", "'soon' at 'Playground:FrameInterval'")]
    public void AnInvalidLimit_StopsTheStartNamingIt(string option, string message)
    {
        var e = Should.Throw<InvalidOperationException>(() => PlaygroundApp.Build(["--urls", "http://127.0.0.1:0", option]));

        e.Message.ShouldContain(message);
    }
}
