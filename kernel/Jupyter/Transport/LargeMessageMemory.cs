using System.Runtime;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// Gives the memory of large messages back to the system. Their frames live on the large object
/// heap, which a normal collection neither compacts nor returns, so after a 200 MB message (or a
/// refused one) the kernel would keep its peak for good. Runs in the background, at most once a second, a second after the message.
/// </summary>
internal static class LargeMessageMemory
{
    private static long _lastRun;

    public static void Release()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastRun);
        if (now - last < 1000 && last != 0 || Interlocked.CompareExchange(ref _lastRun, now, last) != last) return;
        _ = Task.Run(async () =>
        {
            // Let the message that was just handed over be processed and dropped first.
            await Task.Delay(1000).ConfigureAwait(false);
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        });
    }
}
