namespace Ops.Benchmarks;

/// <summary>
/// Benchmarks that time whole processes against a named peer, alternating runs in one session so
/// both see the same machine state. Each registers a name here.
/// </summary>
public static class WholeProcessBenchmarks
{
    private static readonly Dictionary<string, Func<string[], int>> Registry = new(StringComparer.OrdinalIgnoreCase);

    public static void Register(string name, Func<string[], int> run) => Registry[name] = run;

    public static bool TryRun(string[] args, out int exitCode)
    {
        RegisterAll();
        exitCode = 0;
        if (!Registry.TryGetValue(args[0], out var run)) return false;
        exitCode = run(args[1..]);
        return true;
    }

    private static void RegisterAll()
    {
        Register("bq-validate", BigQueryValidateBenchmark.Run);
        Register("wlc-overview", WlcOverviewBenchmark.Run);
        Register("engine-memory", EngineProcessBenchmarks.Memory);
        Register("engine-latency", EngineProcessBenchmarks.Latency);
        Register("cold-start", EngineProcessBenchmarks.ColdStart);
        Register("nuget-cached", EngineProcessBenchmarks.NugetCached);
        Register("notebooks", NotebookBenchmarks.Run);
        Register("memory-triage", MemoryBudget.Run);
        Register("kernel-vs-ipykernel", KernelVsIpykernel.Run);
        Register("kernel-comparison", KernelComparison.Run);
        Register("stream-flood-vs-ipykernel", StreamFloodVsIpykernel.Run);
        Register("aurora-probe", AuroraProbeBenchmarks.Run);
    }
}
