using System.IO.Compression;
using System.Xml.Linq;

namespace NeuralNet.Tests.Packaging;

/// <summary>
/// Packs src/NeuralNet once for all packaging tests, exactly as a release would (<c>dotnet pack -c Release</c>), into a
/// temporary folder that then serves as a local package feed. The build goes to its own artifacts folder, so the
/// repository's bin/ and obj/ are neither used nor touched. Everything is deleted on dispose.
/// </summary>
public sealed class PackedLibrary : IDisposable
{
    /// <summary>Generous bounds for a loaded 2-core machine; a normal run takes a fraction of them.</summary>
    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(4);

    public PackedLibrary()
    {
        Root = Path.Combine(Path.GetTempPath(), "neuralnet-pack-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        RepositoryRoot = FindRepositoryRoot();
        Project = Path.Combine(RepositoryRoot, "src", "NeuralNet", "NeuralNet.csproj");

        Pack = DotNetCli.Run(Root, PackTimeout,
            "pack", Project, "-c", "Release", "-o", Feed, "--artifacts-path", Path.Combine(Root, "artifacts"), "-nodeReuse:false");
        if (Pack.ExitCode != 0) return;

        Packages = Directory.GetFiles(Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Symbols = Directory.GetFiles(Feed, "*.snupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        if (Packages.Length == 1)
        {
            PackagePath = Path.Combine(Feed, Packages[0]);
            using var zip = ZipFile.OpenRead(PackagePath);
            PackageFiles = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
            using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).Open();
            Nuspec = XDocument.Load(nuspec);
            Version = Meta("version") ?? "";
        }
        if (Symbols.Length == 1)
        {
            using var zip = ZipFile.OpenRead(Path.Combine(Feed, Symbols[0]));
            SymbolFiles = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The temporary folder that holds everything below.</summary>
    public string Root { get; }

    /// <summary>The folder the packages were packed into: a local feed.</summary>
    public string Feed { get; }

    public string RepositoryRoot { get; }
    public string Project { get; }
    public DotNetCli.Result Pack { get; }

    /// <summary>File names of the .nupkg and .snupkg files in <see cref="Feed"/>.</summary>
    public string[] Packages { get; } = [];
    public string[] Symbols { get; } = [];

    public string PackagePath { get; } = "";
    public string[] PackageFiles { get; } = [];
    public string[] SymbolFiles { get; } = [];
    public XDocument Nuspec { get; } = new();

    /// <summary>The package version, as its nuspec gives it.</summary>
    public string Version { get; } = "";

    /// <summary>The text of a nuspec &lt;metadata&gt; element, or null if it has none.</summary>
    public string? Meta(string name) => MetaElement(name)?.Value;

    public XElement? MetaElement(string name) =>
        Nuspec.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The package's dependencies: id → version range, as written in the nuspec.</summary>
    public IReadOnlyDictionary<string, string> Dependencies() =>
        Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

    /// <summary>Fails with the whole pack output unless the pack succeeded.</summary>
    public void ShouldHavePacked() => Pack.ExitCode.ShouldBe(0, Pack.ToString());

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"NeuralNet.sln not found above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
