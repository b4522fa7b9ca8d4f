// The NeuralNet playground: `dotnet run --project samples/Playground`, then open the printed address.
// Each browser tab trains its own network on the server and watches, several times a second, every layer's gradient
// ‖∂C/∂b‖, its saturated and dead units, the losses and the decision boundary (see README.md, "Playground").
using Playground;

try
{
    var app = PlaygroundApp.Build(args);
    app.Lifetime.ApplicationStarted.Register(() =>
        Console.WriteLine($"Playground: open {string.Join(" or ", app.Urls)} in a browser (Ctrl+C stops)."));
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not Microsoft.Extensions.Hosting.HostAbortedException)
{
    // a port in use, a malformed --urls, an invalid Playground:… limit: one line, no stack trace
    string hint = e is IOException ? " Choose another port with --urls http://127.0.0.1:PORT." : "";
    Console.Error.WriteLine($"error: {e.Message}{hint}");
    return 1;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
