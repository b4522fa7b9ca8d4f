using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tracing;
using static NeuralNet.Tests.Tracing.TraceFixtures;

namespace NeuralNet.Tests.Tracing;

/// <summary>TraceFormatter: labelled, aligned tables for small networks; one-line summaries for large ones.</summary>
public class TraceFormatterTests
{
    private static string XorText(TraceFormatOptions? options = null) =>
        TraceFormatter.Format(Xor().Trace(XorInputs, XorTargets, new MeanSquaredError(), new Sgd(momentum: 0.9), learningRate: 0.5), options);

    [Fact]
    public void Format_NamesEveryEquation()
    {
        string text = XorText();
        foreach (var label in new[] { "[BP1]", "[BP2]", "[BP3]", "[BP4]", "[z = W·x + b]", "[a = f(z)]", "[f′(z)]", "[∇ₐC]", "[update]" })
            text.ShouldContain(label);
        text.ShouldContain("Network[2→3 Tanh, 3→1 Sigmoid]");
        text.ShouldContain("FORWARD PASS");
        text.ShouldContain("BACKWARD PASS");
        text.ShouldContain("C = 0.135212");
    }

    [Fact]
    public void Format_PrintsEveryNumberOfASmallNetworkWithSixSignificantDigits()
    {
        var trace = Xor().Trace(XorInputs, XorTargets, new MeanSquaredError(), new Sgd(momentum: 0.9), learningRate: 0.5);
        string text = trace.ToString();
        foreach (var layer in trace.Layers)
            foreach (var value in layer.Values.Where(v => v.Equation != TraceEquations.Given))
                foreach (double number in value.Value.Enumerate())
                    text.ShouldContain(TraceFormatter.Number(number));
        TraceFormatter.Number(trace.Layers[0].Weights[0, 0]).TrimStart('-').Replace(".", "").TrimStart('0').Length.ShouldBe(6);
    }

    [Fact]
    public void Format_AlignsTheDecimalPointsOfEachTable()
    {
        var lines = XorText().Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains("δ¹ = "));
        var rows = lines.Skip(start + 2).Take(3).ToArray();   // header, then j=1, j=2, j=3
        rows.ShouldAllBe(r => r.TrimStart().StartsWith("j="));
        var dots = rows.Select(r => Enumerable.Range(0, r.Length).Where(i => r[i] == '.').ToArray()).ToArray();
        dots.ShouldAllBe(d => d.Length == 4);
        for (int c = 0; c < 4; c++)
            dots.Select(d => d[c]).Distinct().Count().ShouldBe(1, $"column s{c + 1}");
    }

    [Fact]
    public void Format_SummarisesALarge784_30_10NetworkInFewLines()
    {
        var network = new Network(new Layer(784, 30, new Sigmoid()), new Layer(30, 10, new Sigmoid()));
        var (x, y) = Batch(network, m: 20, seed: 5, oneHot: true);
        string text = network.Trace(x, y, new MeanSquaredError(), learningRate: 3.0).ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeLessThan(50);
        lines.ShouldAllBe(l => l.Length < 200);
        text.ShouldContain("30×784");
        text.ShouldContain("‖·‖");
        foreach (var label in new[] { "[BP1]", "[BP2]", "[BP3]", "[BP4]" })
            text.ShouldContain(label);
    }

    [Fact]
    public void Format_HonoursItsOptions()
    {
        XorText(new TraceFormatOptions { SignificantDigits = 3 }).ShouldContain("C = 0.135");
        XorText(new TraceFormatOptions { SignificantDigits = 3 }).ShouldNotContain("0.135212");
        XorText(new TraceFormatOptions { MaxColumns = 3 }).ShouldContain("z¹ = W¹·x + b¹   3×4   [z = W·x + b]   min");
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(-0.0950517234, "-0.0950517")]
    [InlineData(1234.56789, "1234.57")]
    [InlineData(1.5e-7, "1.5E-07")]
    [InlineData(-2.0, "-2")]
    public void Number_GivesSixSignificantDigitsInvariantly(double value, string expected) =>
        TraceFormatter.Number(value).ShouldBe(expected);

    [Fact]
    public void Options_RejectOutOfRangeValues()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new TraceFormatOptions { SignificantDigits = 0 }).Message.ShouldContain("Received: SignificantDigits=0");
        Should.Throw<ArgumentOutOfRangeException>(() => new TraceFormatOptions { MaxRows = 0 });
        Should.Throw<ArgumentOutOfRangeException>(() => new TraceFormatOptions { MaxColumns = -1 });
    }
}
