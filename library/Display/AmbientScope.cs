namespace Ops.Display;

/// <summary>Sets an async-local value until the returned scope is disposed, then restores the one before.</summary>
internal sealed class AmbientScope<T> : IDisposable where T : class
{
    private readonly AsyncLocal<T?> _local;
    private readonly T? _previous;
    private bool _disposed;

    private AmbientScope(AsyncLocal<T?> local, T value)
    {
        (_local, _previous) = (local, local.Value);
        local.Value = value;
    }

    public static IDisposable Set(AsyncLocal<T?> local, T value) => new AmbientScope<T>(local, value);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _local.Value = _previous;
    }
}
