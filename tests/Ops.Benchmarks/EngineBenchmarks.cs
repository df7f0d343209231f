using BenchmarkDotNet.Attributes;
using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Benchmarks;

/// <summary>Warm submissions on one engine session (the session grows as in real use).</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private ScriptEngine _engine = null!;
    private readonly NullHost _host = new();
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ScriptEngine();
        _engine.ExecuteAsync("var seed = 1;", _host).GetAwaiter().GetResult();
    }

    [Benchmark]
    public ExecutionResult WarmTrivialSubmission() => _engine.ExecuteAsync("1 + " + (_n++ % 10), _host).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();
}

internal sealed class NullHost : IExecutionHost
{
    public void Publish(MimeBundle bundle, string displayId, bool isUpdate) { }
    public void WriteStream(string name, string text) { }
    public string ReadInput(string prompt, bool password) => "";
}
