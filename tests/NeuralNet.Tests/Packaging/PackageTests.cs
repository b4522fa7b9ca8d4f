using System.Globalization;
using System.Text.Json;

namespace NeuralNet.Tests.Packaging;

/// <summary>
/// The packaging tests spawn `dotnet pack`, `dotnet build` and a program: they run alone, after the parallel tests, so
/// they neither slow the numeric tests down nor are slowed by them.
/// </summary>
[CollectionDefinition(nameof(PackagingCollection), DisableParallelization = true)]
public class PackagingCollection : ICollectionFixture<PackedLibrary>;

/// <summary>
/// Issue 9: `dotnet pack -c Release` gives a complete NuGet package (and its symbols package), and a program that knows
/// nothing of this repository can install it from a local feed by id and version and train XOR with it.
/// </summary>
/// <remarks>About 30–60 s on 2 cores. To skip them locally: <c>dotnet test --filter Category!=Packaging</c>; CI runs them.</remarks>
[Collection(nameof(PackagingCollection))]
[Trait("Category", "Packaging")]
public class PackageTests(PackedLibrary packed)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public void Pack_GivesOnePackageAndItsSymbolsPackage_NamedByIdAndVersion()
    {
        packed.ShouldHavePacked();
        packed.Version.ShouldMatch(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$");
        packed.Packages.ShouldBe([$"NeuralNet.{packed.Version}.nupkg"]);
        packed.Symbols.ShouldBe([$"NeuralNet.{packed.Version}.snupkg"]);
        packed.Pack.Output.ShouldNotMatch(@"(?i)\bwarning\s*:?\s*[A-Z]+[0-9]+", packed.Pack.ToString());
    }

    [Fact]
    public void Nuspec_HasCompleteMetadata()
    {
        packed.ShouldHavePacked();
        packed.Meta("id").ShouldBe("NeuralNet");
        packed.Meta("authors").ShouldBe("NeuralNet developers");
        packed.Meta("copyright").ShouldBe("Copyright (c) 2026 NeuralNet developers");
        packed.Meta("description").ShouldNotBeNull().Length.ShouldBeGreaterThan(100);
        packed.Meta("description")!.ShouldContain("backpropagation");
        packed.Meta("tags").ShouldNotBeNull().Split(' ').ShouldContain("neural-network");
        var license = packed.MetaElement("license").ShouldNotBeNull();
        ((string?)license.Attribute("type")).ShouldBe("expression");
        license.Value.ShouldBe("MIT");
        packed.Meta("readme").ShouldBe("README.md");
        packed.Meta("projectUrl").ShouldBeNull("no project URL exists yet, and none is invented");
        packed.Meta("icon").ShouldBeNull();
    }

    [Fact]
    public void Nuspec_DependsOnlyOnMathNetAndTensors_WithRanges()
    {
        packed.ShouldHavePacked();
        var dependencies = packed.Dependencies();
        dependencies.Keys.Order(StringComparer.Ordinal).ShouldBe(["MathNet.Numerics", "System.Numerics.Tensors"]);
        dependencies["MathNet.Numerics"].ShouldBe("[5.0.0, 6.0.0)");
        dependencies["System.Numerics.Tensors"].ShouldBe("10.0.0");   // NuGet's notation for ≥ 10.0.0
        packed.Nuspec.Descendants().Where(e => e.Name.LocalName == "group")
            .Select(g => (string?)g.Attribute("targetFramework")).ShouldBe(["net10.0"]);
    }

    [Fact]
    public void Package_HoldsTheAssemblyItsXmlDocsAndTheReadme_AndTheSymbolsPackageThePdb()
    {
        packed.ShouldHavePacked();
        packed.PackageFiles.ShouldContain("lib/net10.0/NeuralNet.dll");
        packed.PackageFiles.ShouldContain("lib/net10.0/NeuralNet.xml");
        packed.PackageFiles.ShouldContain("README.md");
        packed.PackageFiles.ShouldNotContain(f => f.EndsWith(".pdb", StringComparison.Ordinal), "the PDB belongs in the .snupkg");
        packed.PackageFiles.Where(f => f.StartsWith("lib/", StringComparison.Ordinal))
            .ShouldBe(["lib/net10.0/NeuralNet.dll", "lib/net10.0/NeuralNet.xml"], ignoreOrder: true);
        packed.SymbolFiles.ShouldContain("lib/net10.0/NeuralNet.pdb");
        File.ReadAllText(Path.Combine(packed.RepositoryRoot, "README.md")).ShouldContain("## Install");
    }

    [Fact]
    public void ConsoleProgram_InstallsThePackageFromALocalFeed_AndTrainsXor()
    {
        packed.ShouldHavePacked();
        string app = Path.Combine(packed.Root, "app"), packages = Path.Combine(packed.Root, "packages");
        Directory.CreateDirectory(app);
        Directory.CreateDirectory(packages);
        WriteConsoleProgram(app, packed.Version, packed.Feed, packages);
        SeedDependencies(packages);

        var build = DotNetCli.Run(app, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");
        build.ExitCode.ShouldBe(0, build.ToString());

        // The restored NeuralNet is the one just packed: it came from the local feed into the fresh packages folder, so
        // no cached or published package of the same version can stand in for it.
        string metadata = Path.Combine(packages, "neuralnet", packed.Version.ToLowerInvariant(), ".nupkg.metadata");
        File.Exists(metadata).ShouldBeTrue($"{metadata} should exist after the restore:\n{build}");
        using (var json = JsonDocument.Parse(File.ReadAllText(metadata)))
            Path.TrimEndingDirectorySeparator(json.RootElement.GetProperty("source").GetString()!)
                .ShouldBe(Path.TrimEndingDirectorySeparator(packed.Feed));

        string dll = Path.Combine(app, "bin", "Release", "net10.0", "XorFromPackage.dll");
        var run = DotNetCli.Run(app, RunTimeout, dll);
        run.ExitCode.ShouldBe(0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain($"NeuralNet {packed.Version}", run.ToString());
        string xor = lines.SingleOrDefault(l => l.StartsWith("XOR ok:", StringComparison.Ordinal)).ShouldNotBeNull(run.ToString());
        var outputs = xor["XOR ok:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        outputs.Length.ShouldBe(4);
        double[] targets = [0, 1, 1, 0];
        for (int j = 0; j < 4; j++) Math.Abs(outputs[j] - targets[j]).ShouldBeLessThan(0.1, xor);
    }

    /// <summary>Writes a console program that references NeuralNet only by package id and version.</summary>
    private static void WriteConsoleProgram(string app, string version, string feed, string packages)
    {
        // Empty Directory.* files stop MSBuild and CPM from importing any found above the temp folder.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />\n");
        // The local feed is added to the sources the machine already has (which serve MathNet.Numerics); none is cleared.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="neuralnet-local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // RestorePackagesPath: a fresh packages folder, so an older NeuralNet of the same version in the machine's
        // package cache can never mask the one just packed.
        File.WriteAllText(Path.Combine(app, "XorFromPackage.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NeuralNet" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        // The README's ten-line example: a 2-3-1 Tanh/Sigmoid network learns XOR.
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using System.Reflection;
            using MathNet.Numerics.LinearAlgebra;
            using NeuralNet;
            using NeuralNet.Activations;
            using NeuralNet.Initializers;
            using NeuralNet.Losses;
            using NeuralNet.Optimizers;
            using NeuralNet.Training;

            var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1, 1 }, { 0, 1, 0, 1 } });
            var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 1, 0 } });
            var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
            network.Initialize(new XavierUniform(), seed: 7);
            var trainer = new Trainer(network, new TrainerOptions {
                Epochs = 2000, BatchSize = 4, LearningRate = 0.5, Seed = 7,
                Loss = new MeanSquaredError(), Optimizer = new Sgd(momentum: 0.9) });
            TrainingHistory history = trainer.Train(x, y);
            Matrix<double> p = network.Predict(x);

            string version = typeof(Network).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            Console.WriteLine($"NeuralNet {version.Split('+')[0]}");
            Console.WriteLine($"{network}, final loss {history.FinalLoss.ToString("F6", CultureInfo.InvariantCulture)}");
            bool ok = Enumerable.Range(0, 4).All(j => Math.Abs(p[0, j] - y[0, j]) < 0.1);
            string outputs = string.Join(" ", Enumerable.Range(0, 4).Select(j => p[0, j].ToString("F3", CultureInfo.InvariantCulture)));
            Console.WriteLine($"XOR {(ok ? "ok" : "FAILED")}: {outputs}");
            return ok ? 0 : 1;
            """);
    }

    /// <summary>
    /// Copies the package's dependencies (at the lowest version of their range, the one restore picks) from the machine's
    /// package cache into the fresh packages folder, so the restore need not download them again. Only a speed-up: what is
    /// not in the cache is downloaded from the machine's sources as usual.
    /// </summary>
    private void SeedDependencies(string packages)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var (id, range) in packed.Dependencies())
        {
            string lowest = range.Trim('[', '(', ' ').Split(',')[0].Trim().ToLowerInvariant();
            string source = Path.Combine(cache, id.ToLowerInvariant(), lowest);
            if (File.Exists(Path.Combine(source, ".nupkg.metadata")))
                CopyDirectory(source, Path.Combine(packages, id.ToLowerInvariant(), lowest));
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
