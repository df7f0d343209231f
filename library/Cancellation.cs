namespace Ops;

/// <summary>
/// The ambient cancellation of the running cell. The kernel sets it for each execution; the
/// engine's rewriter makes every loop and lambda in a cell call <see cref="ThrowIfRequested"/>,
/// and library APIs use <see cref="Token"/> as their default token so an interrupt reaches them.
/// </summary>
public static class Cancellation
{
    private static readonly AsyncLocal<CancellationToken> Ambient = new();

    /// <summary>The current execution's token (None outside a cell).</summary>
    public static CancellationToken Token => Ambient.Value;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current cell was interrupted.</summary>
    public static void ThrowIfRequested() => Ambient.Value.ThrowIfCancellationRequested();

    /// <summary>Checks for an interrupt and passes the value through; wraps expression-bodied lambdas in cells.</summary>
    public static T Checked<T>(T value)
    {
        Ambient.Value.ThrowIfCancellationRequested();
        return value;
    }

    /// <summary>
    /// <paramref name="source"/> checking for an interrupt before every element: what a cell's LINQ
    /// operator given a method group runs over (the method group itself has no body to check).
    /// </summary>
    public static IEnumerable<T> CheckedSequence<T>(IEnumerable<T> source)
    {
        var token = Ambient.Value;
        foreach (var item in source)
        {
            token.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>A query is translated, not enumerated here: left as it is.</summary>
    public static IQueryable<T> CheckedSequence<T>(IQueryable<T> source) => source;

    /// <summary>A parallel query stays parallel (its delegates run on the pool, not the cell's thread).</summary>
    public static ParallelQuery<T> CheckedSequence<T>(ParallelQuery<T> source) => source;

    /// <summary>The given token when it can be cancelled, else the ambient one.</summary>
    public static CancellationToken Or(CancellationToken token) => token.CanBeCanceled ? token : Ambient.Value;

    /// <summary>Makes <paramref name="token"/> ambient for the calling async flow.</summary>
    public static void Set(CancellationToken token) => Ambient.Value = token;
}
