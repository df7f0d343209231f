using Ops.Snmp;

namespace Ops.Tests.Snmp;

public sealed class BerCodecTests
{
    private static string Hex(byte[] b) => Convert.ToHexString(b);

    [Theory]
    [InlineData(0, "020100")]
    [InlineData(127, "02017F")]
    [InlineData(128, "02020080")]
    [InlineData(256, "02020100")]
    [InlineData(-1, "0201FF")]
    [InlineData(-128, "020180")]
    [InlineData(-129, "0202FF7F")]
    [InlineData(int.MaxValue, "02047FFFFFFF")]
    [InlineData(int.MinValue, "020480000000")]
    public void Integers_use_minimal_twos_complement(int value, string hex)
    {
        Assert.Equal(hex, Hex(BerWriter.Integer(value)));
        var r = new BerReader(Convert.FromHexString(hex));
        Assert.Equal(value, r.ReadValue().Number);
    }

    [Fact]
    public void Unsigned_types_get_a_leading_zero_when_the_top_bit_is_set()
    {
        Assert.Equal("410500FFFFFFFF", Hex(BerWriter.Value(SnmpValue.Counter32(uint.MaxValue))));
        Assert.Equal("460900FFFFFFFFFFFFFFFF", Hex(BerWriter.Value(SnmpValue.Counter64(ulong.MaxValue))));
        Assert.Equal("430100", Hex(BerWriter.Value(SnmpValue.TimeTicks(0))));
    }

    [Fact]
    public void Oid_encoding_matches_the_x690_rules_for_the_airespace_arc()
    {
        // 1.3 packs into 0x2B; 14179 = 110*128 + 99 needs two bytes.
        Assert.Equal("06072B06010401EE63", Hex(BerWriter.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.14179"))));
    }

    [Fact]
    public void Sub_identifiers_above_127_and_up_to_32_bits_round_trip()
    {
        var oid = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32.128.16383.16384.2097151.4294967295");
        var r = new BerReader(BerWriter.ObjectIdentifier(oid));
        Assert.Equal(oid, r.ReadOid());
    }

    [Fact]
    public void Long_lengths_use_the_multi_byte_form()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var encoded = BerWriter.OctetString(bytes);
        Assert.Equal("0482012C", Hex(encoded[..4]));
        var r = new BerReader(encoded);
        Assert.Equal(bytes, r.ReadValue().Bytes);
        Assert.Equal("0481", Hex(BerWriter.OctetString(new byte[200])[..2]));
    }

    public static IEnumerable<object[]> EveryType() =>
    [
        [SnmpValue.Integer(-42)], [SnmpValue.Integer(0)], [SnmpValue.OctetString("AP1")], [SnmpValue.OctetString(new byte[] { 0, 0xa7, 0x42 })],
        [SnmpValue.OctetString("")], [SnmpValue.Null], [SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.9"))],
        [SnmpValue.Ip(System.Net.IPAddress.Parse("10.0.0.1"))], [SnmpValue.Counter32(4000000000)], [SnmpValue.Gauge32(7)],
        [SnmpValue.TimeTicks(123456789)], [SnmpValue.Opaque(new byte[] { 0x9f, 0x78, 4, 0x42, 0xf6, 0, 0 })], [SnmpValue.Counter64(ulong.MaxValue)],
        [SnmpValue.NoSuchObject], [SnmpValue.NoSuchInstance], [SnmpValue.EndOfMibView],
    ];

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_value_type_round_trips_through_a_response(SnmpValue value)
    {
        var oid = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32");
        var packet = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.Response, 77, 0, 0, [new VarBind(oid, value)])).Encode();
        Assert.True(CommunityMessage.TryDecode(packet, out var m, out var error), error);
        Assert.Equal(77, m.Pdu.RequestId);
        Assert.Equal(value, m.Pdu.VarBinds[0].Value);
        Assert.Equal(oid, m.Pdu.VarBinds[0].Oid);
    }

    [Fact]
    public void Values_print_like_net_snmp()
    {
        var oid = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32");
        Assert.Equal("iso.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32 = STRING: \"AP1\"", new VarBind(oid, SnmpValue.OctetString("AP1")).ToString());
        Assert.Equal(".1.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32 = INTEGER: -5", new VarBind(oid, SnmpValue.Integer(-5)).ToNumericString());
        Assert.Equal("Timeticks: (123456789) 14 days, 6:56:07.89", SnmpValue.TimeTicks(123456789).ToString());
        Assert.Equal("Timeticks: (8640000) 1 day, 0:00:00.00", SnmpValue.TimeTicks(8640000).ToString());
        Assert.Equal("Hex-STRING: 00 A7 42 E2 00 20 ", SnmpValue.OctetString(new byte[] { 0, 0xa7, 0x42, 0xe2, 0, 0x20 }).ToString());
        Assert.Equal("Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F \n10 11 ", SnmpValue.OctetString(Enumerable.Range(0, 18).Select(i => (byte)i).ToArray()).ToString());
        Assert.Equal("STRING: \"hello \\\"x\\\"\"", SnmpValue.OctetString("hello \"x\"").ToString());
        Assert.Equal("\"\"", SnmpValue.OctetString("").ToString());
        Assert.Equal("OID: iso.3.6.1.4.1.9", SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.9")).ToString());
        Assert.Equal("IpAddress: 10.0.0.1", SnmpValue.Ip(System.Net.IPAddress.Parse("10.0.0.1")).ToString());
        Assert.Equal("Counter64: 18446744073709551615", SnmpValue.Counter64(ulong.MaxValue).ToString());
    }

    [Fact]
    public void Getbulk_carries_non_repeaters_and_max_repetitions_in_the_error_fields()
    {
        var pdu = Pdu.GetBulk(5, 1, 50, [Oid.Parse("1.3.6.1.2.1.1")]);
        var packet = new CommunityMessage(SnmpVersion.V2c, "c"u8.ToArray(), pdu).Encode();
        Assert.True(CommunityMessage.TryDecode(packet, out var m, out _));
        Assert.Equal((1, 50, PduType.GetBulkRequest), (m.Pdu.NonRepeaters, m.Pdu.MaxRepetitions, m.Pdu.Type));
    }
}
