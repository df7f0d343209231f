namespace Ops.Kernel.Tests.Scripting;

/// <summary>One engine shared by the tests of a class that only ask it questions (is_complete, inspect).</summary>
public sealed class SharedEngine : IDisposable
{
    public Ops.Kernel.Scripting.ScriptEngine Value { get; } = new();
    public void Dispose() => Value.Dispose();
}
