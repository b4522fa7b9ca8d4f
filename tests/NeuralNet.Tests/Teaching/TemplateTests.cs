using System.Text.Json;
using System.Xml.Linq;

namespace NeuralNet.Tests.Teaching;

/// <summary>The template's files agree with the repository they come from (cheap: no build).</summary>
public class TemplateTests
{
    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"NeuralNet.sln not found above {AppContext.BaseDirectory}");
        }
    }

    private static string Template => Path.Combine(RepositoryRoot, "templates", "content", "neuralnet-assignment");

    [Fact]
    public void DefaultNeuralNetVersion_AndThePacksVersion_AreTheLibrarysVersion()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Template, ".template.config", "template.json")));
        string templateDefault = json.RootElement.GetProperty("symbols").GetProperty("NeuralNetVersion").GetProperty("defaultValue").GetString()!;
        string library = XDocument.Load(Path.Combine(RepositoryRoot, "src", "NeuralNet", "NeuralNet.csproj"))
            .Descendants("VersionPrefix").Single().Value;
        templateDefault.ShouldBe(library);
        // The template pack is versioned with the library it teaches.
        XDocument.Load(Path.Combine(RepositoryRoot, "templates", "NeuralNet.Templates.csproj")).Descendants("VersionPrefix").Single().Value
            .ShouldBe(library);
    }

    [Fact]
    public void TemplatesPackagesVersions_AreTheRepositorysOwn()
    {
        // The template pins the test packages the repository is tested with, so what CI checks is what students get.
        static Dictionary<string, string> Versions(string props) => XDocument.Load(props).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var template = Versions(Path.Combine(Template, "Directory.Packages.props"));
        var repository = Versions(Path.Combine(RepositoryRoot, "Directory.Packages.props"));
        foreach (var id in new[] { "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio" })
            template[id].ShouldBe(repository[id], id);
        template.Keys.Order(StringComparer.Ordinal).ShouldBe(["Microsoft.NET.Test.Sdk", "NeuralNet", "xunit", "xunit.runner.visualstudio"]);
    }

    [Fact]
    public void TemplatePack_IsNotInTheSolution()
    {
        File.ReadAllText(Path.Combine(RepositoryRoot, "NeuralNet.sln")).ShouldNotContain("templates", Case.Insensitive);
    }
}
