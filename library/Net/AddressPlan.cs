using System.Net.Sockets;
using System.Numerics;
using Ops.Display;

namespace Ops.Net;

/// <summary>One named block in an address plan: where it lives (on-prem, a VPC, a GKE range) and its prefix.</summary>
public sealed record PlannedBlock(string Name, string Site, IpPrefix Prefix);

/// <summary>Two blocks of a plan that share addresses; routing between them will not work without NAT.</summary>
public sealed record Overlap(PlannedBlock First, PlannedBlock Second)
{
    public IpPrefix Shared => First.Prefix.Contains(Second.Prefix) ? Second.Prefix : First.Prefix;
}

/// <summary>
/// Private address plan across on-prem and clouds (docs/background.md: "no overlapping private ranges", services
/// get /22 to /20). Finds overlaps, the next free block of a size inside a supernet, and packs a set of
/// requested sizes (GKE node/pod/service ranges) into a supernet.
/// </summary>
public sealed class AddressPlan : IMimeRenderable
{
    private readonly List<PlannedBlock> _blocks = new();

    public IReadOnlyList<PlannedBlock> Blocks => _blocks;

    public AddressPlan Add(string name, string prefix, string site = "")
    {
        _blocks.Add(new PlannedBlock(name, site, IpPrefix.Parse(prefix, $"block '{name}'")));
        return this;
    }

    public AddressPlan Add(string name, IpPrefix prefix, string site = "")
    {
        _blocks.Add(new PlannedBlock(name, site, prefix));
        return this;
    }

    /// <summary>
    /// Reads a plan from lines of <c>name site prefix</c> (whitespace or comma separated; <c>#</c> starts a
    /// comment). Errors name the file and line.
    /// </summary>
    public static AddressPlan Load(string path)
    {
        var plan = new AddressPlan();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
                throw new FormatException($"{path}:{lineNo}: expected 'name site prefix', got '{raw.Trim()}'");
            if (!IpPrefix.TryParse(parts[2], out var prefix, out var error))
                throw new FormatException($"{path}:{lineNo}: prefix: {error}");
            plan.Add(parts[0], prefix, parts[1]);
        }
        return plan;
    }

    /// <summary>Every pair of blocks that share addresses, in plan order.</summary>
    public IReadOnlyList<Overlap> Overlaps()
    {
        var result = new List<Overlap>();
        for (var i = 0; i < _blocks.Count; i++)
            for (var j = i + 1; j < _blocks.Count; j++)
                if (_blocks[i].Prefix.Overlaps(_blocks[j].Prefix)) result.Add(new Overlap(_blocks[i], _blocks[j]));
        return result;
    }

    public Table OverlapTable()
    {
        var t = new Table("block", "site", "prefix", "overlaps", "its site", "its prefix", "shared") { Title = "Overlapping blocks" };
        foreach (var o in Overlaps())
            t.AddRow(o.First.Name, o.First.Site, o.First.Prefix.ToString(), o.Second.Name, o.Second.Site, o.Second.Prefix.ToString(), o.Shared.ToString());
        return t;
    }

    /// <summary>The lowest /<paramref name="length"/> inside <paramref name="supernet"/> overlapping no block of the plan, or null.</summary>
    public IpPrefix? NextFree(IpPrefix supernet, int length) => NextFree(supernet, length, _blocks.Select(b => b.Prefix));

    public IpPrefix? NextFree(string supernet, int length) => NextFree(IpPrefix.Parse(supernet, "supernet"), length);

    internal static IpPrefix? NextFree(IpPrefix supernet, int length, IEnumerable<IpPrefix> taken)
    {
        if (length < supernet.Length || length > supernet.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(length), $"length /{length} must be between /{supernet.Length} (the supernet) and /{supernet.MaxLength}");
        var used = taken.Where(p => p.Family == supernet.Family && p.Overlaps(supernet)).OrderBy(p => p.Start).ToList();
        var size = UInt128.One << (supernet.MaxLength - length);
        var candidate = supernet.Start;
        while (candidate <= supernet.End && candidate + (size - 1) <= supernet.End)
        {
            var end = candidate + (size - 1);
            var start = candidate;
            var clash = used.Where(p => p.Start <= end && start <= p.End).Cast<IpPrefix?>().FirstOrDefault();
            if (clash is null) return IpPrefix.FromStart(supernet.Family, candidate, length);
            // Jump past the clashing block, then up to the next aligned start.
            var next = clash.Value.End + 1;
            if (next == 0) return null;
            var rem = next & (size - 1);
            candidate = rem == 0 ? next : next + (size - rem);
            if (candidate < next) return null;
        }
        return null;
    }

    /// <summary>
    /// Allocates the requested blocks inside <paramref name="supernet"/>, largest first (which wastes nothing
    /// for power-of-two blocks), avoiding the blocks already in the plan. Returns the allocations or throws
    /// naming the first request that does not fit.
    /// </summary>
    public AddressPlan Pack(IpPrefix supernet, params (string Name, int Length)[] requests)
    {
        var taken = _blocks.Select(b => b.Prefix).ToList();
        var result = new AddressPlan();
        foreach (var (name, length) in requests.OrderBy(r => r.Length))
        {
            var block = (length < supernet.Length ? null : NextFree(supernet, length, taken))
                ?? throw new InvalidOperationException(
                    $"'{name}' (/{length}) does not fit in {supernet}: together the requests need a /{SmallestFit(supernet.Family, requests.Select(r => r.Length))} or larger");
            taken.Add(block);
            result.Add(name, block, supernet.ToString());
        }
        return result;
    }

    public AddressPlan Pack(string supernet, params (string Name, int Length)[] requests) =>
        Pack(IpPrefix.Parse(supernet, "supernet"), requests);

    /// <summary>The longest prefix length whose block can hold all the requested blocks (e.g. /20 + /14 + /20 → /13).</summary>
    public static int SmallestFit(AddressFamily family, IEnumerable<int> lengths)
    {
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        BigInteger total = 0;
        foreach (var l in lengths)
        {
            if (l < 0 || l > bits) throw new ArgumentOutOfRangeException(nameof(lengths), $"/{l} is not a valid prefix length");
            total += BigInteger.One << (bits - l);
        }
        if (total <= 1) return bits;
        var needBits = (int)(total - 1).GetBitLength();
        return bits - needBits;
    }

    public static int SmallestFit(params int[] ipv4Lengths) => SmallestFit(AddressFamily.InterNetwork, ipv4Lengths);

    public Table ToTable()
    {
        var overlaps = Overlaps();
        var t = new Table(new[] { new TableColumn("block"), new TableColumn("site"), new TableColumn("prefix"), new TableColumn("first"),
            new TableColumn("last"), new TableColumn("addresses", Alignment.Right), new TableColumn("overlaps") });
        foreach (var b in _blocks)
        {
            var clashes = overlaps.Where(o => o.First == b || o.Second == b).Select(o => o.First == b ? o.Second.Name : o.First.Name);
            t.AddRow(b.Name, b.Site, b.Prefix.ToString(), b.Prefix.Network.ToString(), b.Prefix.LastAddress.ToString(),
                b.Prefix.Size.ToString(), string.Join(", ", clashes));
        }
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
