using Ops.Snmp;

namespace Ops.Tests.Snmp;

public sealed class UsmTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("000000000000000000000002");

    [Fact]
    public void Md5_key_localisation_matches_rfc3414_appendix_a3_1()
    {
        var ku = UsmCrypto.PasswordToKey(AuthProtocol.Md5, "maplesyrup");
        Assert.Equal("9FAF3283884E92834EBC9847D8EDD963", Convert.ToHexString(ku));
        Assert.Equal("526F5EED9FCCE26F8964C2930787D82B", Convert.ToHexString(UsmCrypto.Localize(AuthProtocol.Md5, ku, EngineId)));
    }

    [Fact]
    public void Sha_key_localisation_matches_rfc3414_appendix_a3_2()
    {
        var ku = UsmCrypto.PasswordToKey(AuthProtocol.Sha1, "maplesyrup");
        Assert.Equal("9FB5CC0381497B3793528939FF788D5D79145211", Convert.ToHexString(ku));
        Assert.Equal("6695FEBC9288E36282235FC7151F128497B38F3F", Convert.ToHexString(UsmCrypto.Localize(AuthProtocol.Sha1, ku, EngineId)));
    }

    [Fact]
    public void Sha224_matches_the_fips_180_example()
    {
        Assert.Equal("23097D223405D8228642A477BDA255B32AADBCE4BDA0B3F7E36C9DA7", Convert.ToHexString(UsmCrypto.Hash(AuthProtocol.Sha224, "abc"u8)));
        var longer = new byte[1000];
        Array.Fill(longer, (byte)'a');
        Assert.Equal(28, UsmCrypto.Hash(AuthProtocol.Sha224, longer).Length);
        Assert.Equal("75388B16512776CC5DBA5DA1FD890150B0C6455CB4F58B1952522525",
            Convert.ToHexString(UsmCrypto.Hash(AuthProtocol.Sha224, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8)));
    }

    [Theory]
    [InlineData(AuthProtocol.Md5, PrivProtocol.Des)]
    [InlineData(AuthProtocol.Sha1, PrivProtocol.Aes128)]
    [InlineData(AuthProtocol.Sha224, PrivProtocol.Aes128)]
    [InlineData(AuthProtocol.Sha512, PrivProtocol.Aes128)]
    public void Signed_and_encrypted_messages_round_trip_and_tampering_is_detected(AuthProtocol auth, PrivProtocol priv)
    {
        var authKey = UsmCrypto.LocalizedKey(auth, "authpassword", EngineId);
        var privKey = UsmCrypto.LocalizedKey(auth, "privpassword", EngineId);
        var pdu = new Pdu(PduType.GetRequest, 99, 0, 0, [new VarBind(Oid.Parse("1.3.6.1.2.1.1.5.0"))]);
        var message = new V3Message
        {
            MessageId = 99, Flags = V3Message.FlagAuth | V3Message.FlagPriv | V3Message.FlagReportable, EngineId = EngineId,
            EngineBoots = 3, EngineTime = 1234, UserName = "ops"u8.ToArray(), ContextEngineId = EngineId,
        }.WithPdu(pdu);
        var packet = message.Encode(auth, authKey, priv, privKey, 42);
        Assert.True(V3Message.TryDecode(packet, out var decoded, out var error), error);
        Assert.Equal(UsmCrypto.MacLength(auth), decoded.AuthParameters.Length);
        Assert.True(decoded.VerifyMac(packet, auth, authKey));
        Assert.True(decoded.TryDecrypt(priv, privKey, out error), error);
        Assert.Equal(pdu.VarBinds[0].Oid, decoded.Pdu!.VarBinds[0].Oid);

        packet[^3] ^= 1;
        Assert.True(V3Message.TryDecode(packet, out var tampered, out _));
        Assert.False(tampered.VerifyMac(packet, auth, authKey));
    }
}
