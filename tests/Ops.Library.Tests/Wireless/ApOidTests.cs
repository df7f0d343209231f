using Ops.Wireless;

namespace Ops.Tests.Wireless;

public sealed class ApOidTests
{
    [Theory]
    [InlineData("0.167.66.226.0.32", "00:a7:42:e2:00:20")]
    [InlineData("92.90.199.97.218.128", "5c:5a:c7:61:da:80")]
    public void Ap_oid_and_mac_convert_both_ways(string apOid, string mac)
    {
        Assert.Equal(mac, ApOid.ToMac(apOid));
        Assert.Equal(apOid, ApOid.FromMac(mac).ToString());
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5.256")]
    public void Bad_ap_oids_are_rejected(string apOid) => Assert.Throws<FormatException>(() => ApOid.ToMac(apOid));

    [Theory]
    [InlineData(1, 6, Band.GHz2_4)]
    [InlineData(2, 36, Band.GHz5)]
    [InlineData(6, 5, Band.GHz6)]
    [InlineData(7, 11, Band.GHz2_4)]
    [InlineData(7, 100, Band.GHz5)]
    [InlineData(0, 0, Band.Unknown)]
    public void Band_comes_from_the_interface_type_then_the_channel(int ifType, int channel, Band band) =>
        Assert.Equal(band, BandText.FromIfType(ifType, channel));
}
