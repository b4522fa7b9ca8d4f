using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NeuralNet.Playground.Tests;

/// <summary>POST /api/sessions: every valid key is taken, every kind of invalid configuration is a 400 naming its field and range.</summary>
public sealed class ApiTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    [Fact]
    public async Task Post_AValidConfiguration_Answers201WithTheIdAndEchoesEveryKey()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/sessions", new
        {
            dataset = "spiral", noise = 0.1, points = 200, trainFraction = 0.6, hidden = new[] { 8, 8, 8, 8, 8 }, activation = "sigmoid",
            init = "lecun", batchNorm = true, learningRate = 0.05, batchSize = 16, optimizer = "adam", seed = 7,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string id = body.RootElement.GetProperty("id").GetString()!;
        id.ShouldMatch("^[0-9a-f]{24}$");
        response.Headers.Location!.ToString().ShouldBe($"/api/sessions/{id}");
        body.RootElement.GetProperty("fragment").GetString().ShouldBe(
            "dataset=spiral&noise=0.1&points=200&trainFraction=0.6&hidden=8,8,8,8,8&activation=sigmoid&init=lecun&batchNorm=true&learningRate=0.05&batchSize=16&optimizer=adam&seed=7");
        body.RootElement.GetProperty("network").GetString().ShouldBe("Network[2→8 Sigmoid+BN, 8→8 Sigmoid+BN, 8→8 Sigmoid+BN, 8→8 Sigmoid+BN, 8→8 Sigmoid+BN, 8→1 Sigmoid]");
        body.RootElement.GetProperty("train").GetArrayLength().ShouldBe(120);
        body.RootElement.GetProperty("test").GetArrayLength().ShouldBe(80);
        await client.DeleteAsync($"/api/sessions/{id}");
    }

    [Fact]
    public async Task Post_TheUrlFragmentsStrings_AreAcceptedAsWell()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/sessions", new Dictionary<string, string>
        {
            ["dataset"] = "xor", ["hidden"] = "4,2", ["learningRate"] = "0.3", ["batchNorm"] = "false", ["points"] = "100",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("network").GetString().ShouldBe("Network[2→4 Tanh, 4→2 Tanh, 2→1 Sigmoid]");
        await client.DeleteAsync($"/api/sessions/{body.RootElement.GetProperty("id").GetString()}");
    }

    public static TheoryData<string, string, string> InvalidConfigurations => new()
    {
        { """{"activation": "softsign"}""", "activation", "one of sigmoid, tanh, relu, leakyrelu, elu. Received: \"softsign\"" },
        { """{"hidden": [8, 0]}""", "hidden", "1 to 8 hidden layers of 1 to 32 units each" },
        { """{"hidden": [100000]}""", "hidden", "Received: [100000] (layer 1)" },
        { $$"""{"hidden": [{{string.Join(",", Enumerable.Repeat(8, 1000))}}]}""", "hidden", "Received: 1000 layers" },
        { """{"hidden": []}""", "hidden", "Received: 0 layers" },
        { """{"hidden": "8,x"}""", "hidden", "(layer 2)" },
        { """{"learningRate": -0.1}""", "learningRate", "a finite number in (0, 10]. Received: -0.1" },
        { """{"learningRate": "NaN"}""", "learningRate", "a finite number in (0, 10]. Received: \"NaN\"" },
        { """{"learningRate": 0}""", "learningRate", "(0, 10]" },
        { """{"learningRate": 1e400}""", "learningRate", "(0, 10]" },
        { """{"dataset": "mnist"}""", "dataset", "one of xor, circles, moons, spiral, gaussian" },
        { """{"noise": 0.9}""", "noise", "[0, 0.5]" },
        { """{"points": 5}""", "points", "an integer in [20, 1000]" },
        { """{"trainFraction": 1}""", "trainFraction", "[0.1, 0.9]" },
        { """{"batchSize": 2.5}""", "batchSize", "an integer in [1, 1000]" },
        { """{"batchNorm": true, "batchSize": 1}""", "batchSize", "[2, 1000] with batchNorm" },
        { """{"batchNorm": "maybe"}""", "batchNorm", "true or false" },
        { """{"init": "zeros"}""", "init", "one of default, xavier, he, lecun, normal" },
        { """{"optimizer": "rmsprop"}""", "optimizer", "one of sgd, momentum, adam" },
        { """{"seed": -1}""", "seed", "[0, 2147483647]" },
        { """{"learnigRate": 0.1}""", "learnigRate", "Unknown key 'learnigRate'; the keys are dataset, noise" },
        { """[1, 2, 3]""", "body", "Expected a JSON object with any of the keys dataset, noise, points" },
        { "\"spiral\"", "body", "Received: a JSON string" },
        { "42", "body", "Received: a JSON number" },
        { "null", "body", "Received: a JSON null" },
        { "", "body", "Received: an empty body" },
        { "{\"dataset\": ", "body", "Received: invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public async Task Post_AnInvalidConfiguration_Answers400ProblemDetailsNamingTheFieldAndItsRange(string json, string field, string message)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/sessions", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(400);
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        errors.GetProperty(field)[0].GetString()!.ShouldContain(message, Case.Sensitive);
    }

    [Fact]
    public async Task Post_SeveralInvalidKeys_AreAllNamed()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/sessions",
            new StringContent("""{"activation": "x", "learningRate": -1, "hidden": [0]}""", Encoding.UTF8, "application/json"));

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["activation", "hidden", "learningRate"]);
    }

    [Fact]
    public async Task Post_ABodyLargerThanTheLimit_Answers413()
    {
        var client = factory.CreateClient();
        string json = $$"""{"dataset": "xor", "padding": "{{new string('x', 20_000)}}"}""";
        var response = await client.PostAsync("/api/sessions", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("at most 16384 bytes");
    }

    [Theory]
    [InlineData("GET", "/api/sessions/0123456789abcdef01234567")]
    [InlineData("GET", "/api/sessions/0123456789abcdef01234567/events")]
    [InlineData("POST", "/api/sessions/0123456789abcdef01234567/play")]
    [InlineData("POST", "/api/sessions/0123456789abcdef01234567/reset")]
    [InlineData("DELETE", "/api/sessions/0123456789abcdef01234567")]
    public async Task AnUnknownSession_Answers404ProblemDetails(string method, string path)
    {
        var client = factory.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("There is no session '0123456789abcdef01234567'");
    }

    [Fact]
    public async Task Options_ListTheKeysDefaultsAndAllowedValues()
    {
        var client = factory.CreateClient();
        using var options = JsonDocument.Parse(await client.GetStringAsync("/api/options"));

        options.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ShouldBe(
            ["dataset", "noise", "points", "trainFraction", "hidden", "activation", "init", "batchNorm", "learningRate", "batchSize", "optimizer", "seed"]);
        options.RootElement.GetProperty("activations").EnumerateArray().Select(k => k.GetString()).ShouldBe(["sigmoid", "tanh", "relu", "leakyrelu", "elu"]);
        options.RootElement.GetProperty("limits").GetProperty("maxUnits").GetInt32().ShouldBe(32);
    }

    [Fact]
    public async Task ThePage_IsServedWithItsScriptFromThisServerOnly()
    {
        var client = factory.CreateClient();
        var page = await client.GetAsync("/");
        string html = await page.Content.ReadAsStringAsync();

        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'self'");
        html.ShouldContain("data-testid=\"play\"");
        html.ShouldContain("data-testid=\"epoch\"");
        html.ShouldContain("data-testid=\"loss\"");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        (await client.GetStringAsync("/playground.js")).ShouldContain("gradient-norm-");
    }
}
