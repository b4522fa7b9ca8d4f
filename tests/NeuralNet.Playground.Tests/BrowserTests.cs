using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Playground;

namespace NeuralNet.Playground.Tests;

/// <summary>
/// The playground served by Kestrel on a real loopback port (127.0.0.1:0) and Debian's chromium, headless, driven by
/// Playwright (its driver ships in the NuGet package; no browser is downloaded). Started once for the tests of this class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; PLAYGROUND_CHROMIUM may point elsewhere.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("PLAYGROUND_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly string _profile = Directory.CreateTempSubdirectory("playground-chromium-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowserContext Browser { get; private set; } = null!;
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // A missing browser fails the tests, in CI (CI=true) and elsewhere: they are never skipped silently.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath} (CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}). " +
                "Install it with `apt-get install -y chromium` (.ci/run does), or set PLAYGROUND_CHROMIUM.");
        _app = PlaygroundApp.Build(["--urls", "http://127.0.0.1:0"]);
        await _app.StartAsync();
        Address = _app.Urls.Single();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 1100 },
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The page in a real browser: the lecture links of the README, pressed play, read back from the page.</summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public const string DeepSigmoidLink = "#dataset=spiral&activation=sigmoid&init=lecun&hidden=8,8,8,8,8&learningRate=0.1";
    public const string ReluHeLink = "#dataset=spiral&activation=relu&init=he&hidden=8,8,8,8,8&learningRate=0.03";

    /// <summary>Opens a link in a new tab, collecting every console error and uncaught exception.</summary>
    private async Task<(IPage Page, List<string> Errors)> Open(string fragment)
    {
        var page = await fixture.Browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add("console: " + message.Text); };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        await page.GotoAsync(fixture.Address + "/" + fragment);
        return (page, errors);
    }

    /// <summary>Presses play and waits until the epoch readout shows at least <paramref name="epochs"/>; returns ‖∂C/∂b‖ of each hidden layer as the page shows it.</summary>
    private static async Task<double[]> PlayUntil(IPage page, int epochs, int hiddenLayers)
    {
        await page.GetByTestId("gradient-norm-1").WaitForAsync();    // the first snapshot has arrived
        (await page.GetByTestId("epoch").TextContentAsync()).ShouldBe("0");
        await page.GetByTestId("play").ClickAsync();
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=epoch]').textContent) >= {epochs}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.GetByTestId("play").ClickAsync();                  // pause, so the readouts hold still
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=play]').textContent.includes('Play')");
        var norms = new double[hiddenLayers];
        for (int l = 1; l <= hiddenLayers; l++)
            norms[l - 1] = double.Parse((await page.GetByTestId($"gradient-norm-{l}").TextContentAsync())!, CultureInfo.InvariantCulture);
        return norms;
    }

    [Fact]
    public async Task DeepSigmoidLink_EpochAdvances_AndTheFirstHiddenLayersGradientIsSeveralTimesSmallerThanTheLasts()
    {
        var (page, errors) = await Open(DeepSigmoidLink);

        var norms = await PlayUntil(page, epochs: 5, hiddenLayers: 5);

        int.Parse((await page.GetByTestId("epoch").TextContentAsync())!).ShouldBeGreaterThanOrEqualTo(5);
        double.Parse((await page.GetByTestId("loss").TextContentAsync())!, CultureInfo.InvariantCulture).ShouldBeInRange(0.01, 2);
        norms.ShouldAllBe(n => n > 0);
        (norms[0] * 4).ShouldBeLessThan(norms[4], $"‖∂C/∂b‖ per layer: {string.Join(", ", norms)}");
        if (Environment.GetEnvironmentVariable("PLAYGROUND_SCREENSHOT") is { Length: > 0 } path)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        errors.ShouldBeEmpty();
        await page.CloseAsync();
    }

    [Fact]
    public async Task ReluHeLink_TheFirstHiddenLayersGradientIsNotSeveralTimesSmaller()
    {
        var (page, errors) = await Open(ReluHeLink);

        var norms = await PlayUntil(page, epochs: 5, hiddenLayers: 5);

        (norms[0] * 4).ShouldBeGreaterThan(norms[4], $"‖∂C/∂b‖ per layer: {string.Join(", ", norms)}");
        errors.ShouldBeEmpty();
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnInvalidLink_ShowsTheServersMessageNamingTheKey()
    {
        var (page, errors) = await Open("#activation=softsign&hidden=8,0");

        var message = page.GetByTestId("message");
        await message.WaitForAsync();
        string text = (await message.TextContentAsync())!;
        text.ShouldContain("activation: activation must be one of sigmoid, tanh, relu, leakyrelu, elu");
        text.ShouldContain("hidden: hidden must be 1 to 8 hidden layers of 1 to 32 units each");
        errors.Where(e => !e.Contains("400")).ShouldBeEmpty();        // the browser logs the refused POST itself
        await page.CloseAsync();
    }

    [Fact]
    public async Task ChangingAControl_WritesTheWholeConfigurationIntoTheUrl()
    {
        var (page, errors) = await Open("#dataset=xor&hidden=4");
        await page.GetByTestId("gradient-norm-1").WaitForAsync();

        await page.Locator("#activation").SelectOptionAsync("relu");
        await page.WaitForFunctionAsync("() => location.hash.includes('activation=relu')");

        page.Url.ShouldEndWith("#dataset=xor&noise=0&points=400&trainFraction=0.5&hidden=4&activation=relu&init=default&batchNorm=false&learningRate=0.1&batchSize=10&optimizer=sgd&seed=1");
        await page.WaitForFunctionAsync("() => document.querySelector('#network-name').textContent.includes('ReLU')");
        errors.ShouldBeEmpty();
        await page.CloseAsync();
    }
}
