using System.Net;
using Ops.Net;

namespace Ops.Tests.Net;

public class IpPrefixTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.0.0", "10.0.255.255", "65536")]
    [InlineData("192.168.1.128/25", "192.168.1.128", "192.168.1.255", "128")]
    [InlineData("0.0.0.0/0", "0.0.0.0", "255.255.255.255", "4294967296")]
    [InlineData("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "79228162514264337593543950336")]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff", "18446744073709551616")]
    public void Parses_and_formats_both_families(string text, string first, string last, string size)
    {
        var p = IpPrefix.Parse(text);
        Assert.Equal(text, p.ToString());
        Assert.Equal(first, p.Network.ToString());
        Assert.Equal(last, p.LastAddress.ToString());
        Assert.Equal(size, p.Size.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1/16", "host bits set; the network is 10.0.0.0/16")]
    [InlineData("10.0.0.0/33", "prefix length '33'")]
    [InlineData("10.0.0.0", "has no prefix length")]
    [InlineData("10.0.0.300/24", "is not an IPv4 or IPv6 address")]
    [InlineData("2001:db8::1/32", "the network is 2001:db8::/32")]
    public void Bad_prefixes_are_explained_with_the_field(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => IpPrefix.Parse(text, "vpc-a"));
        Assert.StartsWith("vpc-a: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Overlap_and_containment_follow_the_address_ranges()
    {
        var vpc = IpPrefix.Parse("10.1.0.0/16");
        Assert.True(vpc.Contains(IpPrefix.Parse("10.1.4.0/22")));
        Assert.True(vpc.Overlaps(IpPrefix.Parse("10.0.0.0/8")));
        Assert.False(vpc.Overlaps(IpPrefix.Parse("10.2.0.0/16")));
        Assert.False(vpc.Overlaps(IpPrefix.Parse("::/0")));
        Assert.True(vpc.Contains(IPAddress.Parse("10.1.255.255")));
        Assert.True(vpc.Contains(IPAddress.Parse("::ffff:10.1.0.1")));
    }

    [Fact]
    public void Split_gives_two_halves()
    {
        var (low, high) = IpPrefix.Parse("172.16.0.0/12").Split();
        Assert.Equal(("172.16.0.0/13", "172.24.0.0/13"), (low.ToString(), high.ToString()));
    }
}

public class IpPrefixEdgeTests
{
    [Fact]
    public void Whole_ipv6_space_ends_at_the_last_address()
    {
        var all = IpPrefix.Parse("::/0");
        Assert.Equal("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", all.LastAddress.ToString());
        Assert.True(all.Contains(System.Net.IPAddress.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }
}
