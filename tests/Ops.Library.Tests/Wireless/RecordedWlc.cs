using Ops.Wireless;

namespace Ops.Tests.Wireless;

/// <summary>The generated two-controller site, replayed in memory (fresh per test: SETs change it).</summary>
internal static class RecordedWlc
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<SimulatedWlc.Entry>>> Site = new(() => SimulatedWlc.Generate());

    public static Wlc Open(bool cliOnWlc2 = false) => new(Site.Value.Select(kv =>
        (IWlcSource)new RecordedWlcSource(kv.Key, new SortedDictionary<Ops.Snmp.Oid, Ops.Snmp.SnmpValue>(kv.Value.ToDictionary(e => e.Oid, e => e.Value)), cliOnWlc2 && kv.Key == "WLC2")));

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
