using BenchmarkDotNet.Running;
using NeuralNet.Benchmarks;

// dotnet run -c Release --project benchmarks/NeuralNet.Benchmarks -- --compare     NeuralNet vs NumPy vs PyTorch, one run
// dotnet run -c Release --project benchmarks/NeuralNet.Benchmarks -- --filter '*'  every BenchmarkDotNet benchmark
// Short jobs (3 warm-ups, 3 iterations, 1 launch) keep a shared 2-core machine usable; compare ratios within one run.
if (args.Contains("--compare"))
    return Compare.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
