using Ops.Net;

namespace Ops.Tests.Net;

public class SubnetUsageTests
{
    [Fact]
    public void Aws_keeps_five_addresses_in_every_subnet()
    {
        var u = SubnetUsage.Of("10.0.1.0/24");
        Assert.Equal(("256", "251", "251"), (u.Total.ToString(), u.Usable.ToString(), u.Free.ToString()));
        var tiny = SubnetUsage.Of("10.0.1.0/28");
        Assert.Equal("11", tiny.Usable.ToString());
    }

    [Fact]
    public void Load_balancer_needs_eight_free_addresses_like_the_seed_error()
    {
        // A /28 has 11 usable; four instances leave 7 free: "ELB requires at least 8 free IP addresses in each subnet".
        var full = SubnetUsage.Of("10.0.2.0/28", "10.0.2.4", "10.0.2.5", "10.0.2.6", "10.0.2.7");
        Assert.Equal("7", full.Free.ToString());
        Assert.False(full.LoadBalancerFits);
        Assert.Contains("NO: 7 free", full.ToTable().ToPlainText());
        Assert.True(SubnetUsage.Of("10.0.2.0/28", "10.0.2.4", "10.0.2.5", "10.0.2.6").LoadBalancerFits);
    }

    [Fact]
    public void Duplicate_used_addresses_count_once()
    {
        Assert.Equal("250", SubnetUsage.Of("10.0.1.0/24", "10.0.1.10", "10.0.1.10").Free.ToString());
    }

    [Fact]
    public void Used_address_outside_or_reserved_is_rejected_by_name()
    {
        Assert.Contains("10.0.9.1 is not inside subnet 10.0.1.0/24", Assert.Throws<ArgumentException>(() => SubnetUsage.Of("10.0.1.0/24", "10.0.9.1")).Message);
        Assert.Contains("10.0.1.2 is one of the 5 AWS reserves", Assert.Throws<ArgumentException>(() => SubnetUsage.Of("10.0.1.0/24", "10.0.1.2")).Message);
        Assert.Contains("10.0.1.255 is one of the 5", Assert.Throws<ArgumentException>(() => SubnetUsage.Of("10.0.1.0/24", "10.0.1.255")).Message);
    }

    [Fact]
    public void Ipv6_subnets_also_lose_five()
    {
        Assert.Equal("18446744073709551611", SubnetUsage.Of("2001:db8:1:2::/64").Usable.ToString());
    }
}
