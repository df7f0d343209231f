using Ops.Snmp;

namespace Ops.Tests.Snmp;

/// <summary>Values and OIDs rendered as net-snmp renders them, and OIDs shorter than two arcs on the wire.</summary>
public sealed class NetSnmpTextTests
{
    [Theory]
    [InlineData("1", "060128")]
    [InlineData(".1", "060128")]
    [InlineData("1.3", "06012B")]
    [InlineData("2", "060150")]
    public void Walk_roots_shorter_than_two_arcs_are_sent_as_net_snmp_sends_them(string oid, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(BerWriter.ObjectIdentifier(Oid.Parse(oid))));

    [Fact]
    public void A_first_arc_above_2_is_refused_with_the_rule()
    {
        var e = Assert.Throws<ArgumentException>(() => BerWriter.ObjectIdentifier(Oid.Parse("3")));
        Assert.Contains("first arc", e.Message);
    }

    [Fact]
    public void Oid_values_are_numeric_in_the_numeric_form_and_iso_rooted_otherwise()
    {
        var v = new VarBind(Oid.Parse("1.3.6.1.2.1.1.2.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.3.2.10")));
        Assert.Equal(".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.8072.3.2.10", v.ToNumericString());
        Assert.Equal("iso.3.6.1.2.1.1.2.0 = OID: iso.3.6.1.4.1.8072.3.2.10", v.ToString());
    }

    [Theory]
    [InlineData("9F78043EEB851F", "Opaque: Float: 0.460000")]
    [InlineData("9F78043CF5C28F", "Opaque: Float: 0.030000")]
    [InlineData("9F7804C2F70000", "Opaque: Float: -123.500000")]
    [InlineData("9F78047FC00000", "Opaque: Float: nan")]
    [InlineData("9F7808" + "3FF8000000000000", "OPAQUE: 9F 78 08 3F F8 00 00 00 00 00 00 ")]
    [InlineData("9F7908" + "3FF8000000000000", "Opaque: Double: 1.500000")]
    [InlineData("0102", "OPAQUE: 01 02 ")]
    public void Opaque_floats_print_as_net_snmp_prints_them(string hex, string text)
    {
        var value = new BerReader(BerWriter.Value(SnmpValue.Opaque(Convert.FromHexString(hex)))).ReadValue();
        Assert.Equal(text, value.ToString());
        Assert.Equal(text, value.ToNumericString());
    }
}
