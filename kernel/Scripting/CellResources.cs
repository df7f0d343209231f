namespace Ops.Kernel.Scripting;

/// <summary>
/// What a cell's top-level <c>using</c> declarations registered (see <see cref="UsingDeclarations"/>),
/// disposed when the cell ends however it ends. Held per execution flow, so a cell abandoned
/// while still running never disposes what the next cell registered.
/// </summary>
internal static class CellResources
{
    private static readonly AsyncLocal<List<(object Resource, bool Async)>?> Current = new();

    /// <summary>Starts collecting for the calling flow; the returned list is what <see cref="DisposeAsync"/> takes.</summary>
    public static List<(object Resource, bool Async)> Begin() => Current.Value = new();

    /// <summary>Registers a value; <paramref name="async"/> for <c>await using</c>, which prefers DisposeAsync.</summary>
    public static void Add(object? resource, bool async)
    {
        if (resource == null) return;
        (Current.Value ?? throw new InvalidOperationException("a using declaration outside a running cell")).Add((resource, async));
    }

    /// <summary>
    /// Disposes in reverse order. Every resource is disposed even when one throws; the first
    /// failure is returned so the cell can report it.
    /// </summary>
    public static async Task<Exception?> DisposeAsync(List<(object Resource, bool Async)> resources)
    {
        Exception? first = null;
        for (var i = resources.Count - 1; i >= 0; i--)
        {
            try
            {
                var (resource, async) = resources[i];
                if (async && resource is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                else if (resource is IDisposable disposable) disposable.Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                first ??= e;
            }
        }
        resources.Clear();
        return first;
    }
}
