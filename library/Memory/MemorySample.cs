namespace Ops.Memory;

/// <summary>
/// One memory reading of one host, in KB as vmstat, sar and /proc/meminfo report it.
/// <see cref="AvailableKb"/> is what the kernel could hand out: MemAvailable when the source has
/// it (sar's kbavail, /proc/meminfo), else the watchdog's "real free" = free + buffers + cache.
/// </summary>
public readonly record struct MemorySample(DateTime Time, long FreeKb, long BuffersKb, long CacheKb, long AvailableKb)
{
    public MemorySample(DateTime time, long freeKb, long buffersKb, long cacheKb)
        : this(time, freeKb, buffersKb, cacheKb, freeKb + buffersKb + cacheKb) { }

    public double FreeMb => FreeKb / 1024.0;
    public double AvailableMb => AvailableKb / 1024.0;
}
