using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;

namespace Playground;

/// <summary>
/// The web application: the page (embedded static files), and the HTTP API that creates, controls and streams sessions.
/// </summary>
/// <remarks>
/// <code>
/// POST   /api/sessions               JSON configuration → 201 {"id": …, "config": …, "train": [[x₁, x₂, label], …], "test": …}
///                                     400 problem details naming each bad key and its range; 503 when MaxSessions exist
/// GET    /api/sessions/{id}          the same description → 200
/// GET    /api/sessions/{id}/events   text/event-stream: one JSON <see cref="Snapshot"/> per event
/// POST   /api/sessions/{id}/play     (also pause, step, reset) → 204
/// DELETE /api/sessions/{id}          stop and free → 204
/// GET    /api/options                the keys, their defaults, the allowed values and ranges
/// </code>
/// Unknown ids answer 404 with problem details.
/// </remarks>
public static class PlaygroundApp
{
    /// <summary>The address used when neither <c>--urls</c> nor ASPNETCORE_URLS chooses one: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the app from the command line (<c>--urls</c>, <c>--Playground:MaxSessions=…</c>) and <paramref name="configure"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        string? urls = builder.Configuration["urls"];
        if (string.IsNullOrEmpty(urls) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);   // loopback unless asked otherwise: the playground runs code on request
        foreach (string url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel reads a malformed address such as http://127.0.0.1:abc as http://[::]:80 (every interface): refuse it
            if (!Uri.TryCreate(url.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new FormatException($"--urls: '{url}' is not an address such as {DefaultUrl}.");
        }
        builder.Services.Configure<PlaygroundOptions>(builder.Configuration.GetSection("Playground"));
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddProblemDetails();
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);   // Program prints the address itself
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);        // no line per request
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);   // a failed start is Program's one-line error
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<SessionStore>();   // checks the Playground:… limits now, so a bad one stops the start
        app.UseStatusCodePages();
        var page = new EmbeddedFileProvider(typeof(PlaygroundApp).Assembly, "Playground.wwwroot");
        app.Use(async (context, next) =>
        {
            // Everything the page runs comes from this server: no CDN, no inline script.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
            await next();
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        MapApi(app);
        return app;
    }

    private static void MapApi(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/options", () => TypedResults.Ok(Options()));
        api.MapPost("/sessions", CreateSession);
        api.MapGet("/sessions/{id}", (string id, SessionStore store) =>
            store.Find(id) is { } session ? Results.Ok(Describe(session)) : NotFound(id));
        api.MapDelete("/sessions/{id}", (string id, SessionStore store) => store.Remove(id) ? Results.NoContent() : NotFound(id));
        foreach (var (command, control) in new (string, Action<Session>)[]
                 { ("play", s => s.Play()), ("pause", s => s.Pause()), ("step", s => s.Step()), ("reset", s => s.Reset()) })
        {
            api.MapPost($"/sessions/{{id}}/{command}", (string id, SessionStore store) =>
            {
                if (store.Find(id) is not { } session) return NotFound(id);
                session.Stream.Touch();       // a command is a sign of life, like an open stream
                control(session);
                return Results.NoContent();
            });
        }
        api.MapGet("/sessions/{id}/events", (string id, SessionStore store, HttpContext context) =>
        {
            if (store.Find(id) is not { } session) return NotFound(id);
            var snapshots = session.Stream.TryWatch(store.Options.MaxWatchersPerSession, context.RequestAborted);
            if (snapshots is null)
                return Problem(StatusCodes.Status503ServiceUnavailable, "Too many watchers",
                    $"Session {id} already has {store.Options.MaxWatchersPerSession} open event streams (Playground:MaxWatchersPerSession). Close a tab or create a new session.");
            return TypedResults.ServerSentEvents(snapshots);
        });
    }

    /// <summary>POST /api/sessions: validate the configuration, then create a session within the limits.</summary>
    private static async Task<IResult> CreateSession(HttpRequest request, SessionStore store)
    {
        var body = new MemoryStream();
        var buffer = new byte[4096];
        for (int read; (read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0;)
        {
            body.Write(buffer, 0, read);
            if (body.Length > store.Options.MaxBodyBytes)
                return Problem(StatusCodes.Status413PayloadTooLarge, "Configuration too large",
                    $"A configuration is at most {store.Options.MaxBodyBytes} bytes (Playground:MaxBodyBytes).");
        }
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body.ToArray()).RootElement;
        }
        catch (JsonException e)
        {
            string received = body.Length == 0 ? "an empty body" : $"invalid JSON ({e.Message})";
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["body"] = [$"Expected a JSON object with any of the keys {string.Join(", ", PlaygroundConfig.Keys)}. Received: {received}."],
            });
        }
        if (PlaygroundConfig.Parse(json, out var errors) is not { } config)
            return Results.ValidationProblem(errors, detail: "The configuration has invalid values; each key below names its allowed range.");
        if (store.TryCreate(config) is not { } session)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(store.Options.IdleTimeout.TotalSeconds)).ToString();
            return Problem(StatusCodes.Status503ServiceUnavailable, "Too many sessions",
                $"The playground already runs {store.Options.MaxSessions} sessions (Playground:MaxSessions). Close another tab, " +
                $"or retry once an unwatched session has been freed (after {store.Options.IdleTimeout.TotalSeconds:0.#} s without a watcher).");
        }
        return TypedResults.Created($"/api/sessions/{session.Id}", Describe(session));
    }

    /// <summary>The session's id and configuration, and the points it trains and tests on (drawn by the page once).</summary>
    private static object Describe(Session session)
    {
        var experiment = session.Experiment;
        return new
        {
            id = session.Id,
            config = experiment.Config.ToDictionary(),
            fragment = experiment.Config.ToFragment(),
            network = experiment.Network.ToString(),
            train = Points(experiment.TrainingSet),
            test = Points(experiment.TestSet),
        };
    }

    private static double[][] Points(NeuralNet.Data.Dataset data) =>
        Enumerable.Range(0, data.Count).Select(j => new[] { Math.Round(data.Inputs[0, j], 4), Math.Round(data.Inputs[1, j], 4), data.Labels[j] }).ToArray();

    /// <summary>GET /api/options: what the page's controls offer.</summary>
    private static object Options()
    {
        var defaults = new PlaygroundConfig();
        return new
        {
            keys = PlaygroundConfig.Keys,
            defaults = defaults.ToDictionary(),
            datasets = PlaygroundConfig.Datasets.Keys,
            activations = PlaygroundConfig.Activations.Keys,
            initializers = PlaygroundConfig.Initializers.Keys,
            optimizers = PlaygroundConfig.Optimizers.Keys,
            limits = new
            {
                maxHiddenLayers = PlaygroundConfig.Limits.MaxHiddenLayers, maxUnits = PlaygroundConfig.Limits.MaxUnits,
                minPoints = PlaygroundConfig.Limits.MinPoints, maxPoints = PlaygroundConfig.Limits.MaxPoints,
                maxNoise = PlaygroundConfig.Limits.MaxNoise, minTrainFraction = PlaygroundConfig.Limits.MinTrainFraction,
                maxTrainFraction = PlaygroundConfig.Limits.MaxTrainFraction, maxLearningRate = PlaygroundConfig.Limits.MaxLearningRate,
            },
        };
    }

    private static IResult NotFound(string id) => Problem(StatusCodes.Status404NotFound, "No such session",
        $"There is no session '{id}': it was deleted, or freed after the idle timeout without a watcher. Create one with POST /api/sessions.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
