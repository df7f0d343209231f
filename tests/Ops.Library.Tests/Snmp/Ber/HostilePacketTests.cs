using Ops.Snmp;

namespace Ops.Tests.Snmp;

public sealed class HostilePacketTests
{
    private static byte[] Valid() => new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(),
        new Pdu(PduType.Response, 1234, 0, 0, [new VarBind(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.OctetString("host"))])).Encode();

    [Theory]
    [InlineData("", "end of data")]
    [InlineData("30", "end of data")]
    [InlineData("3084FFFFFFFF020101", "too large")]
    [InlineData("308500000000010201", "too large")]
    [InlineData("3080020101", "indefinite")]
    [InlineData("30030205FF", "exceeds")]
    [InlineData("3003020903", "exceeds")]
    [InlineData("3F0100", "multi-byte tag")]
    public void Malformed_messages_are_rejected_with_a_reason(string hex, string reason)
    {
        Assert.False(CommunityMessage.TryDecode(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_huge_declared_string_length_fails_before_allocating()
    {
        // A 2 GB string declared inside a tiny packet.
        var packet = Convert.FromHexString("300D020101" + "04847FFFFFF0" + "414243");
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(CommunityMessage.TryDecode(packet, out _, out var error));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "decoder allocated for the declared length");
        Assert.Contains("exceeds", error);
    }

    [Fact]
    public void Oids_longer_than_128_sub_identifiers_are_rejected()
    {
        var content = new byte[200];
        content[0] = 0x2b;
        for (var i = 1; i < content.Length; i++) content[i] = 1;
        var packet = BerWriter.Tlv(0x06, content);
        var e = Assert.Throws<BerException>(() => new BerReader(packet).ReadOid());
        Assert.Contains("longer than 128", e.Message);
    }

    [Fact]
    public void Random_corruptions_of_a_valid_packet_never_throw()
    {
        var rng = new Random(7);
        var valid = Valid();
        for (var round = 0; round < 5000; round++)
        {
            var p = (byte[])valid.Clone();
            var flips = 1 + rng.Next(4);
            for (var f = 0; f < flips; f++) p[rng.Next(p.Length)] = (byte)rng.Next(256);
            var cut = rng.Next(10) == 0 ? p[..rng.Next(p.Length)] : p;
            CommunityMessage.TryDecode(cut, out _, out _);
            V3Message.TryDecode(cut, out _, out _);
        }
    }

    [Fact]
    public void Random_bytes_never_throw_from_the_v3_decoder()
    {
        var rng = new Random(11);
        for (var round = 0; round < 5000; round++)
        {
            var p = new byte[rng.Next(1, 120)];
            rng.NextBytes(p);
            if (rng.Next(2) == 0) p[0] = 0x30;
            V3Message.TryDecode(p, out _, out _);
            CommunityMessage.TryDecode(p, out _, out _);
        }
    }

    [Fact]
    public void Trailing_bytes_after_the_message_are_rejected()
    {
        var p = Valid().Concat(new byte[] { 0, 0 }).ToArray();
        Assert.False(CommunityMessage.TryDecode(p, out _, out var error));
        Assert.Contains("trailing", error);
    }
}
