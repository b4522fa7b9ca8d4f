using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Benchmarks;

/// <summary>
/// C = op(A)·op(B) at the network's shapes and at 256/512/1024: <see cref="Gemm.Multiply"/> on arrays (what the layers
/// call) against MathNet's in-place calls on its managed provider. (NeuralNet 0.1 also had a MathNet provider on the
/// kernel, FastLinearAlgebraProvider; 0.2 removed it, the layers never used it.)
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GemmBenchmarks
{
    private Matrix<double> _a = null!, _b = null!, _c = null!;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = null!;

    public static IEnumerable<GemmShape> Shapes => GemmShape.All;

    [GlobalSetup(Target = nameof(Gemm_Arrays))]
    public void SetupArrays() => Setup(null);

    [GlobalSetup(Target = nameof(MathNet_Managed))]
    public void SetupManaged() => Setup(ManagedLinearAlgebraProvider.Instance);

    private void Setup(ILinearAlgebraProvider? provider)
    {
        if (provider is not null)
        {
            LinearAlgebraControl.Provider = provider;
        }

        var rng = new Random(42);
        var s = Shape;
        _a = s.OpA == MatrixOp.None ? Random(rng, s.M, s.K) : Random(rng, s.K, s.M);
        _b = s.OpB == MatrixOp.None ? Random(rng, s.K, s.N) : Random(rng, s.N, s.K);
        _c = Matrix<double>.Build.Dense(s.M, s.N);
    }

    private static Matrix<double> Random(Random rng, int rows, int cols) =>
        Matrix<double>.Build.Dense(rows, cols, (_, _) => rng.NextDouble() - 0.5);

    /// <summary>Gemm.Multiply straight on the column-major arrays.</summary>
    [Benchmark(Baseline = true)]
    public void Gemm_Arrays()
    {
        var s = Shape;
        double[] a = AsArray(_a), b = AsArray(_b), c = AsArray(_c);
        Gemm.Multiply(s.OpA, s.OpB, s.M, s.N, s.K, 1.0, a, _a.RowCount, b, _b.RowCount, 0.0, c, s.M);
    }

    /// <summary>MathNet's in-place product on its managed provider.</summary>
    [Benchmark]
    public void MathNet_Managed() => MathNetProduct();

    private void MathNetProduct()
    {
        switch (Shape.OpA, Shape.OpB)
        {
            case (MatrixOp.None, MatrixOp.None): _a.Multiply(_b, _c); break;
            case (MatrixOp.None, MatrixOp.Transpose): _a.TransposeAndMultiply(_b, _c); break;
            case (MatrixOp.Transpose, MatrixOp.None): _a.TransposeThisAndMultiply(_b, _c); break;
            default: throw new NotSupportedException("Aᵀ·Bᵀ has no in-place MathNet call.");
        }
    }

    private static double[] AsArray(Matrix<double> m) => ((MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<double>)m.Storage).Data;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun);
            AddColumn(new GflopsColumn());
            HideColumns(Column.Error, Column.StdDev);
        }
    }

    /// <summary>GFLOP/s = 2·m·n·k / mean time.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOPs";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2·m·n·k floating-point operations per nanosecond of mean time";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var shape = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<GemmShape>().FirstOrDefault();
            double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return shape is null || meanNs is null or 0 ? "-" : (shape.Flops / meanNs.Value).ToString("F1");
        }
    }
}
