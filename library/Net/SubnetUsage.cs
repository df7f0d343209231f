using System.Net;
using Ops.Display;

namespace Ops.Net;

/// <summary>
/// How many addresses a VPC subnet really has: AWS keeps five in every subnet (network, VPC router,
/// DNS, future use, broadcast for IPv4; the first four and the last for IPv6), and an ELB needs at
/// least eight free ones in each subnet it is placed in ("Not enough IP space available").
/// </summary>
public sealed record SubnetUsage(IpPrefix Subnet, UInt128 Total, int Reserved, UInt128 Usable, UInt128 Used, UInt128 Free) : IMimeRenderable
{
    /// <summary>Addresses AWS reserves in every subnet.</summary>
    public const int AwsReserved = 5;

    /// <summary>Free addresses an Elastic Load Balancer requires in each subnet.</summary>
    public const int LoadBalancerNeeds = 8;

    public bool LoadBalancerFits => Free >= LoadBalancerNeeds;

    /// <summary>Counts usable and free addresses of <paramref name="subnet"/> given the addresses in use.</summary>
    /// <exception cref="ArgumentException">a used address is outside the subnet or is one AWS reserves.</exception>
    public static SubnetUsage Of(IpPrefix subnet, IEnumerable<IPAddress>? used = null)
    {
        if (subnet.Size <= AwsReserved)
            throw new ArgumentException($"subnet {subnet} has {subnet.Size} addresses, fewer than the {AwsReserved} AWS reserves; AWS subnets are /16 to /28 (IPv4) or /44 to /64 (IPv6)", nameof(subnet));
        var distinct = new HashSet<UInt128>();
        foreach (var ip in used ?? [])
        {
            if (!subnet.Contains(ip)) throw new ArgumentException($"used address {ip} is not inside subnet {subnet}", nameof(used));
            var n = IpPrefix.ToNumber(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
            if (IsReserved(subnet, n)) throw new ArgumentException($"used address {ip} is one of the 5 AWS reserves in {subnet} (first four and last); check the export", nameof(used));
            distinct.Add(n);
        }
        var usable = subnet.Size - AwsReserved;
        var usedCount = (UInt128)distinct.Count;
        return new SubnetUsage(subnet, subnet.Size, AwsReserved, usable, usedCount, usable - usedCount);
    }

    public static SubnetUsage Of(string subnet, params string[] used) =>
        Of(IpPrefix.Parse(subnet, "subnet"), used.Select(u => IPAddress.TryParse(u, out var a) ? a : throw new FormatException($"used address '{u}' is not an IP address")));

    private static bool IsReserved(IpPrefix subnet, UInt128 n) => n - subnet.Start < 4 || n == subnet.End;

    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("subnet"), new TableColumn("total", Alignment.Right), new TableColumn("AWS reserved", Alignment.Right),
            new TableColumn("usable", Alignment.Right), new TableColumn("used", Alignment.Right), new TableColumn("free", Alignment.Right), new TableColumn("ELB (8 free)") });
        t.AddRow(Subnet.ToString(), Total.ToString(), Reserved, Usable.ToString(), Used.ToString(), Free.ToString(), LoadBalancerFits ? "fits" : $"NO: {Free} free");
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
