using NeuralNet.Data.Csv;

namespace NeuralNet.Tests.Data;

/// <summary>CSV loading: rows and a label column by name; every error names the file, the line and the column.</summary>
public class CsvTableTests
{
    private static string Write(TempDirectory dir, string text)
    {
        string path = dir.File("data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_ReadsTheFeaturesAsNumbers_AndTheLabelColumnAsText_WhereverItIs()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Load(Write(dir, "a,kind,b\n1.5,\"x, quoted\",-2e-3\n3,y,4\n"), "kind");
        table.FeatureNames.ShouldBe(["a", "b"]);
        table.LabelName.ShouldBe("kind");
        table.Rows.ShouldBe([[1.5, -0.002], [3.0, 4.0]]);
        table.Labels.ShouldBe(["x, quoted", "y"]);
        table.Count.ShouldBe(2);
    }

    [Fact]
    public void Load_NonNumericValue_NamesFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "a,b,y\n1,2,p\n3,12;5,q\n");
        var e = Should.Throw<InvalidDataException>(() => CsvTable.Load(path, "y"));
        e.Message.ShouldBe($"{path}: line 3, column 2 (\"b\"): \"12;5\" is not a number.");
    }

    [Fact]
    public void Load_MissingValue_NamesFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "a,b,y\n1,2,p\n3,4,q\n5,,r\n");
        Should.Throw<InvalidDataException>(() => CsvTable.Load(path, "y")).Message.ShouldBe($"{path}: line 4, column 2 (\"b\"): the value is missing.");
    }

    [Fact]
    public void Load_MissingLabelColumn_ListsTheColumns()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "a,b,y\n1,2,p\n");
        Should.Throw<InvalidDataException>(() => CsvTable.Load(path, "label")).Message.ShouldBe($"{path}: no column \"label\"; the header has \"a\", \"b\", \"y\".");
    }

    [Fact]
    public void Load_LineWithTooFewFields_NamesTheLine()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "a,b,y\n1,2,p\n3,q\n");
        Should.Throw<InvalidDataException>(() => CsvTable.Load(path, "y")).Message.ShouldBe($"{path}: line 3 has 2 fields, but the header has 3.");
    }

    [Fact]
    public void Load_EmptyOrMissingFile_SaysSo()
    {
        using var dir = new TempDirectory();
        Should.Throw<InvalidDataException>(() => CsvTable.Load(Write(dir, ""), "y")).Message.ShouldContain("the file is empty");
        Should.Throw<FileNotFoundException>(() => CsvTable.Load(dir.File("nope.csv"), "y")).Message.ShouldContain("nope.csv: no such file");
        Should.Throw<InvalidDataException>(() => CsvTable.Load(Write(dir, "a,y\n"), "y")).Message.ShouldContain("no data lines");
    }

    [Fact]
    public void NumericLabels_ParsesTheTarget_OrNamesTheLine()
    {
        using var dir = new TempDirectory();
        CsvTable.Load(Write(dir, "a,y\n1,2.5\n2,-1\n"), "y").NumericLabels().ShouldBe([2.5, -1.0]);
        string path = Write(dir, "a,y\n1,2.5\n2,high\n");
        Should.Throw<InvalidDataException>(() => CsvTable.Load(path, "y").NumericLabels()).Message.ShouldContain($"{path}: line 3, column \"y\": \"high\" is not a number");
    }

    [Fact]
    public void Load_ReadsTheSampleData_BitForBit()
    {
        var table = CsvTable.Load(Path.Combine(AppContext.BaseDirectory, "data", "breast-cancer.csv"), "diagnosis");
        table.Count.ShouldBe(569);
        table.FeatureNames.Count.ShouldBe(30);
        table.Rows[0][0].ShouldBe(17.99);                           // scikit-learn's first sample, mean radius
        table.Labels.Distinct().Order().ShouldBe(["benign", "malignant"]);
    }
}
