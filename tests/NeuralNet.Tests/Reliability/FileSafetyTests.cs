using System.Buffers.Binary;
using System.Text;
using NeuralNet.Activations;
using NeuralNet.Data;
using NeuralNet.Serialization;
using NeuralNet.Tests.Data;

namespace NeuralNet.Tests.Reliability;

/// <summary>
/// Issue 16, items 1, 7, 8 and 11: paths are checked before training, sizes before allocating, and a save never loses
/// what the user had (errors name the target, long names work, stale temporary files go, links and permissions stay).
/// </summary>
public class FileSafetyTests
{
    private static Network Small()
    {
        var network = new Network(new Layer(2, 3, new Tanh()), new Layer(3, 1, new Sigmoid()));
        network.Initialize(1);
        return network;
    }

    // Item 1: a directory, "", a path below a regular file or an unwritable folder failed only after training.
    [Fact]
    public void CheckWritable_RejectsFoldersEmptyPathsAndPathsBelowAFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plain"), "x");
        Should.Throw<IOException>(() => ModelFile.CheckWritable(dir.Path)).Message.ShouldContain("it is a folder");
        Should.Throw<IOException>(() => ModelFile.CheckWritable("")).Message.ShouldContain("empty path");
        Should.Throw<IOException>(() => ModelFile.CheckWritable(Path.Combine(dir.File("plain"), "model.json"))).Message.ShouldContain("is a file, not a folder");
        Should.NotThrow(() => ModelFile.CheckWritable(Path.Combine(dir.Path, "new", "model.json")));
        Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ShouldBe(["plain"]);   // nothing left behind
    }

    [Fact]
    public void CheckWritable_RejectsAnUnwritableFolder()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;   // root may write anywhere
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("locked"));
        File.SetUnixFileMode(dir.File("locked"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Should.Throw<IOException>(() => ModelFile.CheckWritable(Path.Combine(dir.File("locked"), "m.json"))).Message.ShouldContain("permission denied");
            Should.Throw<IOException>(() => Small().Save(Path.Combine(dir.File("locked"), "m.json"))).Message.ShouldStartWith($"Cannot write {Path.Combine(dir.File("locked"), "m.json")}");
        }
        finally
        {
            File.SetUnixFileMode(dir.File("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // Item 11: the error named the hidden temporary file and was an UnauthorizedAccessException.
    [Fact]
    public void Save_ToAFolder_IsAnIOExceptionNamingTheTarget()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("model.json"));
        var exception = Should.Throw<IOException>(() => Small().Save(dir.File("model.json")));
        exception.Message.ShouldStartWith($"Cannot write {dir.File("model.json")}");
        exception.Message.ShouldNotContain(".tmp");
    }

    [Fact]
    public void Save_WithA230CharacterName_Works()
    {
        using var dir = new TempDirectory();
        string path = dir.File(new string('m', 225) + ".json");
        Small().Save(path);
        Network.Load(path).ToString().ShouldBe(Small().ToString());
    }

    [Fact]
    public void Save_RemovesStaleTemporaryFilesOfTheSameTargetOnly()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.json");
        Small().Save(path);
        Directory.GetFiles(dir.Path).Length.ShouldBe(1);              // a save leaves no temporary file
        string mine = Stale(dir, "model.json", "dead0001"), theirs = Stale(dir, "other.json", "dead0002");
        string live = Stale(dir, "model.json", "dead0003");
        using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))   // a writer still busy with it
            Small().Save(path);
        File.Exists(mine).ShouldBeFalse();      // left by a killed save of this target: removed
        File.Exists(theirs).ShouldBeTrue();     // another target's
        File.Exists(live).ShouldBeTrue();       // still held open
    }

    /// <summary>The file a save of <paramref name="name"/> killed mid-write leaves: .&lt;name, up to 16 characters&gt;~&lt;FNV-1a of the name&gt;.&lt;random&gt;.tmp.</summary>
    private static string Stale(TempDirectory dir, string name, string random)
    {
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        string stale = dir.File($".{(name.Length > 16 ? name[..16] : name)}~{hash:x8}.{random}.tmp");
        File.WriteAllText(stale, "partial");
        return stale;
    }

    [Fact]
    public void Save_ThroughASymbolicLink_ReplacesTheTargetAndKeepsTheLink()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("store"));
        Small().Save(dir.File("store/real.json"));
        File.CreateSymbolicLink(dir.File("link.json"), dir.File("store/real.json"));
        var network = Small();
        network.Dense(0).Weights[0, 0] = 42;
        network.Save(dir.File("link.json"));

        new FileInfo(dir.File("link.json")).LinkTarget.ShouldNotBeNull();
        Network.Load(dir.File("store/real.json")).Dense(0).Weights[0, 0].ShouldBe(42);
    }

    [Fact]
    public void Save_OverAPrivateFile_KeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        string path = dir.File("private.json");
        Small().Save(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Small().Save(path);
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Load_OfAFolder_IsAnIOException()
    {
        using var dir = new TempDirectory();
        Should.Throw<IOException>(() => Network.Load(dir.Path)).Message.ShouldContain("is a folder");
    }

    // Item 7: 65536 × 65536 threw IndexOutOfRangeException; new Layer(46341, 46341) an OverflowException.
    [Fact]
    public void Load_OfALayerTooLargeForOneArray_NamesTheLayer()
    {
        using var dir = new TempDirectory();
        string json = Model(65536, 65536, "[0]");
        File.WriteAllText(dir.File("big.json"), json);
        Should.Throw<InvalidDataException>(() => Network.Load(dir.File("big.json"))).Message
            .ShouldContain("layers[0] declares 65536×65536 = 4294967296 weights, more than one array can hold");
    }

    [Fact]
    public void Layer_TooLargeForOneArray_IsAnArgumentOutOfRangeException() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Layer(46341, 46341, new Sigmoid())).Message.ShouldContain("46341×46341 = 2147488281 weights");

    // Item 8: a 16-byte IDX file made the reader allocate 2 GB before it reported "truncated".
    [Fact]
    public void ReadImages_OfAHeaderAnnouncingGigabytes_ReportsTruncatedWithoutAllocatingThem()
    {
        using var dir = new TempDirectory();
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 2_000_000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 28);
        File.WriteAllBytes(dir.File("images"), header);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(dir.File("images"))).Message.ShouldContain("truncated data");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(10_000_000);

        using (var gzip = new System.IO.Compression.GZipStream(File.Create(dir.File("images.gz")), System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(header);
        before = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(dir.File("images.gz"))).Message.ShouldContain("truncated data");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(10_000_000);   // grows with the data, not the header
    }

    [Fact]
    public void ReadImages_WhoseSizeProductOverflows64Bits_IsRejected()
    {
        using var dir = new TempDirectory();
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 8);     // 2³¹·2³¹·8 = 2⁶⁵: wraps a long
        File.WriteAllBytes(dir.File("images"), header);
        Should.Throw<InvalidDataException>(() => IdxReader.ReadImages(dir.File("images"))).Message.ShouldContain("more than one array can hold");
    }

    // Item 8: a 200 MB model file with too many weights peaked at 2.75 GB; here 2 million values for a 2×3 layer.
    [Fact]
    public void Load_OfAnArrayFarLongerThanDeclared_IsRejectedBeforeItIsRead()
    {
        using var dir = new TempDirectory();
        var weights = new StringBuilder("[").Append(string.Join(",", Enumerable.Repeat("0", 2_000_000))).Append(']');
        File.WriteAllText(dir.File("long.json"), Model(2, 3, weights.ToString()));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<InvalidDataException>(() => Network.Load(dir.File("long.json"))).Message.ShouldContain("layers[0].weights has 2000000 values, expected 3×2 = 6");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(12_000_000);    // the file (4 MB) and little more, not 16 MB of doubles
    }

    private static string Model(int inputs, int outputs, string weights) =>
        "{\"format\":\"NeuralNet.Network\",\"formatVersion\":" + ModelFile.FormatVersion + ",\"layers\":[{\"inputs\":" + inputs +
        ",\"outputs\":" + outputs + ",\"activation\":{\"name\":\"Sigmoid\",\"parameters\":{}},\"batchNorm\":false,\"dropout\":0," +
        "\"weights\":" + weights + ",\"biases\":[0]}]}";
}
