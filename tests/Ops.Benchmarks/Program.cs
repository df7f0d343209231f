using BenchmarkDotNet.Running;
using Ops.Benchmarks;

// `dotnet run -c Release --project tests/Ops.Benchmarks -- <name> [args]`
// Whole-process benchmarks against a peer are named verbs; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && WholeProcessBenchmarks.TryRun(args, out var exitCode)) return exitCode;
BenchmarkSwitcher.FromAssembly(typeof(WholeProcessBenchmarks).Assembly).Run(args);
return 0;
