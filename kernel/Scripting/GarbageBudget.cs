namespace Ops.Kernel.Scripting;

/// <summary>
/// Bounds the garbage a session keeps between cells. The runtime sizes its youngest generation
/// from the CPU's last-level cache, and virtual machines can report hundreds of MB there: measured
/// on one (260 MB L3), a kernel ran its start and 30 cells, 50 MB of garbage, without a single
/// collection, all of it resident. The runtime's own setting for this (GCgen0size) is read only
/// from the environment, which a kernelspec, a REPL and `ops run` cannot all be relied on to set.
/// So after a cell, when more than <see cref="Budget"/> has been allocated since the last
/// collection, the engine collects the young generations itself: 3-6 ms with a session's usual
/// 5-8 MB live heap, about once every 20 trivial cells. Where the runtime collects by itself first,
/// this never runs.
/// </summary>
internal sealed class GarbageBudget(long budget)
{
    public const long DefaultBudget = 16 << 20;

    /// <summary>The process's budget: the GC is per process, so every session shares it.</summary>
    public static GarbageBudget Process { get; } = new(DefaultBudget);

    private readonly Lock _lock = new();
    private long _mark;
    private int _collectionsAtMark;

    /// <summary>Collections this budget made.</summary>
    public int Collections { get; private set; }

    /// <summary>Called after each cell: collects when the runtime has not for more than the budget.</summary>
    public void AfterCell()
    {
        lock (_lock)
        {
            if (!Due(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0))) return;
            GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: true);
            Collections++;
            Mark(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0));
        }
    }

    /// <summary>
    /// Whether a collection is due, given the bytes allocated so far and the runtime's gen-0 count;
    /// a collection by the runtime since the mark moves the mark instead (its budget is the smaller one).
    /// </summary>
    internal bool Due(long allocated, int collections)
    {
        if (collections != _collectionsAtMark)
        {
            Mark(allocated, collections);
            return false;
        }
        return allocated - _mark >= budget;
    }

    internal void Mark(long allocated, int collections) => (_mark, _collectionsAtMark) = (allocated, collections);
}
