using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/NeuralNet.Benchmarks -- --filter '*'
// Short jobs (3 warm-ups, 3 iterations, 1 launch) keep a shared 2-core machine usable; compare ratios within one run.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
