using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Tests.Docs;

/// <summary>
/// Every C# code block in README.md and docs/*.md compiles against the current library, so the documentation cannot go stale.
/// </summary>
/// <remarks>
/// <para>A block fenced as <c>```csharp</c> (or <c>```cs</c>, <c>```c#</c>) is compiled on its own with Roslyn: as a program of
/// top-level statements when it has any, as a library when it only declares types. The usings below are prepended as global
/// usings, so a block needs none of its own. Blocks meant as fragments are fenced <c>```csharp-fragment</c> or
/// <c>```text</c> and are skipped. Only errors fail a block; warnings are allowed.</para>
/// <para>The repository root is found by walking up from the test binaries to NeuralNet.sln. A missing README.md is
/// allowed (the docs are tested alone); once it exists its blocks are tested too.</para>
/// </remarks>
public class CodeBlocksCompileTests
{
    /// <summary>The global usings every block gets.</summary>
    public static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading", "System.Threading.Tasks",
        "MathNet.Numerics.LinearAlgebra",
        "NeuralNet", "NeuralNet.Activations", "NeuralNet.Diagnostics", "NeuralNet.Initializers", "NeuralNet.Losses",
        "NeuralNet.Optimizers", "NeuralNet.Tracing", "NeuralNet.Training",
    ];

    private static readonly string[] CompiledLanguages = ["csharp", "cs", "c#"];

    /// <summary>One fenced block: the file it is in (relative to the root), the line of its opening fence (1-based), its info string and its code.</summary>
    public sealed record CodeBlock(string File, int Line, string Language, string Code)
    {
        public string Id => $"{File}:{Line}";
        public bool IsCompiled => CompiledLanguages.Contains(Language, StringComparer.OrdinalIgnoreCase);
    }

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder with README.md), for tests that read the docs.</summary>
    internal static string RepositoryRoot() => Root.Value;
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The documents whose blocks are compiled, relative to the root: README.md first, then docs/*.md.</summary>
    public static IEnumerable<string> Documents()
    {
        yield return "README.md";
        var docs = Path.Combine(Root.Value, "docs");
        if (Directory.Exists(docs))
            foreach (var file in Directory.GetFiles(docs, "*.md").Order(StringComparer.Ordinal))
                yield return Path.GetRelativePath(Root.Value, file).Replace('\\', '/');
    }

    public static IEnumerable<CodeBlock> AllBlocks() =>
        Documents().Where(d => File.Exists(Path.Combine(Root.Value, d)))
            .SelectMany(d => Extract(d, File.ReadAllText(Path.Combine(Root.Value, d))));

    public static TheoryData<string> CompiledBlockIds()
    {
        var data = new TheoryData<string>();
        foreach (var block in AllBlocks().Where(b => b.IsCompiled)) data.Add(block.Id);
        return data;
    }

    [Theory, MemberData(nameof(CompiledBlockIds))]
    public void CodeBlock_Compiles(string id)
    {
        var block = AllBlocks().Single(b => b.Id == id);
        var errors = Compile(block);
        errors.ShouldBeEmpty($"the ```{block.Language} block at {block.Id} must compile (fence it as ```csharp-fragment if it is not meant to):\n{block.Code}");
    }

    [Fact]
    public void Docs_HaveCompiledBlocks()
    {
        Documents().ShouldContain("README.md");
        Documents().ShouldContain("docs/backprop.md");
        AllBlocks().Count(b => b.IsCompiled).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Extract_FindsFencedBlocksAndTheirLines()
    {
        const string markdown = "# Title\n\n```csharp\nvar a = 1;\n```\n\ntext\n\n```csharp-fragment\nnot code\n```\n\n  ```text\n  plain\n  ```\n\n````cs\nvar b = \"```\";\n````\n";
        var blocks = Extract("x.md", markdown).ToArray();
        blocks.Select(b => (b.Line, b.Language, b.IsCompiled)).ShouldBe([(3, "csharp", true), (9, "csharp-fragment", false), (13, "text", false), (17, "cs", true)]);
        blocks[0].Code.ShouldBe("var a = 1;\n");
        blocks[2].Code.ShouldBe("plain\n");
        blocks[3].Code.ShouldBe("var b = \"```\";\n");
    }

    [Fact]
    public void Compile_ReportsErrorsWithTheirDocumentLine()
    {
        Compile(new CodeBlock("x.md", 10, "csharp", "var network = new Network(new Layer(2, 1, new Sigmoid()));\nnetwork.NoSuchMethod();\n"))
            .ShouldHaveSingleItem().ShouldStartWith("x.md:12: error CS1061");
        Compile(new CodeBlock("x.md", 1, "csharp", "public sealed class Softsign : ElementwiseActivation\n{\n    public override string Name => \"Softsign\";\n    public override double Apply(double z) => z / (1 + Math.Abs(z));\n    public override double Derivative(double z, double a) => 1 / ((1 + Math.Abs(z)) * (1 + Math.Abs(z)));\n}\n"))
            .ShouldBeEmpty();
    }

    /// <summary>Compiles one block; returns its errors as "file:line: error CSnnnn: message", with lines counted in the document.</summary>
    public static IReadOnlyList<string> Compile(CodeBlock block)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var globals = CSharpSyntaxTree.ParseText(string.Concat(Usings.Select(u => $"global using {u};\n")), options, "GlobalUsings.cs", Encoding.UTF8);
        var code = CSharpSyntaxTree.ParseText(block.Code, options, block.Id, Encoding.UTF8);
        bool isProgram = code.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "DocBlock_" + Guid.NewGuid().ToString("N"),
            [globals, code],
            References.Value,
            new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        return result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                int line = d.Location.IsInSource && span.Path == block.Id ? block.Line + 1 + span.StartLinePosition.Line : 0;
                return $"{block.File}:{line}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })
            .ToArray();
    }

    /// <summary>
    /// The fenced code blocks of a CommonMark document: an opening fence of three or more backticks or tildes (indented
    /// up to three spaces) with an info string, closed by a fence of the same character at least as long.
    /// </summary>
    public static IEnumerable<CodeBlock> Extract(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var (indent, fence, info) = Fence(lines[i]);
            if (fence is null) continue;
            var code = new StringBuilder();
            int j = i + 1;
            for (; j < lines.Length; j++)
            {
                var (_, closing, rest) = Fence(lines[j]);
                if (closing is not null && closing[0] == fence[0] && closing.Length >= fence.Length && rest.Length == 0) break;
                string line = lines[j];
                int strip = 0;
                while (strip < indent && strip < line.Length && line[strip] == ' ') strip++;
                code.Append(line[strip..]).Append('\n');
            }
            yield return new CodeBlock(file, i + 1, info.Split(' ', 2)[0], code.ToString());
            i = j;
        }
    }

    private static (int Indent, string? Fence, string Info) Fence(string line)
    {
        int indent = 0;
        while (indent < line.Length && line[indent] == ' ') indent++;
        if (indent > 3 || indent >= line.Length || (line[indent] != '`' && line[indent] != '~')) return (indent, null, "");
        int end = indent;
        while (end < line.Length && line[end] == line[indent]) end++;
        if (end - indent < 3) return (indent, null, "");
        return (indent, line[indent..end], line[end..].Trim());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln"))) return dir.FullName;
        throw new InvalidOperationException($"NeuralNet.sln not found in {AppContext.BaseDirectory} or any folder above it.");
    }

    /// <summary>The runtime's trusted platform assemblies plus NeuralNet and MathNet.Numerics, one reference per file name.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(Network).Assembly.Location)
            .Append(typeof(Matrix<double>).Assembly.Location);
        return paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
