using System.Security.Cryptography;

namespace Ops.Snmp;

/// <summary>
/// An SNMPv3 message with the User-based Security Model (RFC 3412 §6, RFC 3414 §2.4): header,
/// USM parameters and a scoped PDU, plain or encrypted.
/// </summary>
public sealed class V3Message
{
    public const byte FlagAuth = 1, FlagPriv = 2, FlagReportable = 4;

    public int MessageId { get; init; }
    public int MaxSize { get; init; } = 65507;
    public byte Flags { get; init; }
    public byte[] EngineId { get; init; } = [];
    public int EngineBoots { get; init; }
    public int EngineTime { get; init; }
    public byte[] UserName { get; init; } = [];
    public byte[] AuthParameters { get; init; } = [];
    public byte[] PrivParameters { get; init; } = [];
    public byte[] ContextEngineId { get; init; } = [];
    public byte[] ContextName { get; init; } = [];
    /// <summary>The PDU of a plain message, or of an encrypted one once <see cref="TryDecrypt"/> succeeded.</summary>
    public Pdu? Pdu { get; private set; }
    /// <summary>msgData of an encrypted message.</summary>
    public byte[]? EncryptedPdu { get; init; }

    /// <summary>Offset of msgAuthenticationParameters' content in the decoded packet (-1 when encoding).</summary>
    public int AuthParametersOffset { get; private init; } = -1;

    public bool IsAuthenticated => (Flags & FlagAuth) != 0;
    public bool IsEncrypted => (Flags & FlagPriv) != 0;

    public V3Message WithPdu(Pdu pdu) { Pdu = pdu; return this; }

    /// <summary>Encodes, encrypting and signing as the flags and keys say.</summary>
    public byte[] Encode(AuthProtocol auth, byte[]? authKey, PrivProtocol priv, byte[]? privKey, ulong salt)
    {
        if (Pdu is null) throw new InvalidOperationException("a v3 message needs a PDU to encode");
        var scoped = BerWriter.Constructed(BerWriter.Sequence, BerWriter.OctetString(ContextEngineId), BerWriter.OctetString(ContextName), Pdu.Encode());
        byte[] msgData;
        var privParams = PrivParameters;
        if (IsEncrypted)
        {
            if (priv == PrivProtocol.None || privKey is null) throw new InvalidOperationException("privacy flag set without a privacy key");
            var (cipher, s) = UsmCrypto.Encrypt(priv, privKey, EngineBoots, EngineTime, salt, scoped);
            msgData = BerWriter.OctetString(cipher);
            privParams = s;
        }
        else msgData = scoped;

        var macLength = IsAuthenticated ? UsmCrypto.MacLength(auth) : 0;
        var engine = BerWriter.OctetString(EngineId);
        var boots = BerWriter.Integer(EngineBoots);
        var time = BerWriter.Integer(EngineTime);
        var user = BerWriter.OctetString(UserName);
        var authTlv = BerWriter.OctetString(IsAuthenticated ? new byte[macLength] : AuthParameters);
        var usmSeq = BerWriter.Constructed(BerWriter.Sequence, engine, boots, time, user, authTlv, BerWriter.OctetString(privParams));
        var usmOctet = BerWriter.OctetString(usmSeq);
        var header = BerWriter.Constructed(BerWriter.Sequence, BerWriter.Integer(MessageId), BerWriter.Integer(MaxSize),
            BerWriter.OctetString([Flags]), BerWriter.Integer(3));
        var version = BerWriter.Integer(3);
        var whole = BerWriter.Constructed(BerWriter.Sequence, version, header, usmOctet, msgData);
        if (!IsAuthenticated) return whole;
        if (auth == AuthProtocol.None || authKey is null) throw new InvalidOperationException("authentication flag set without an authentication key");

        var contentLength = version.Length + header.Length + usmOctet.Length + msgData.Length;
        var usmSeqContent = engine.Length + boots.Length + time.Length + user.Length + authTlv.Length + BerWriter.OctetString(privParams).Length;
        var offset = (whole.Length - contentLength) + version.Length + header.Length + (usmOctet.Length - usmSeq.Length)
                     + (usmSeq.Length - usmSeqContent) + engine.Length + boots.Length + time.Length + user.Length
                     + (authTlv.Length - macLength);
        UsmCrypto.Mac(auth, authKey, whole).CopyTo(whole, offset);
        return whole;
    }

    /// <summary>True when the packet's HMAC matches (constant-time compare over the zeroed packet).</summary>
    public bool VerifyMac(ReadOnlySpan<byte> packet, AuthProtocol auth, byte[] authKey)
    {
        var len = UsmCrypto.MacLength(auth);
        if (AuthParameters.Length != len || AuthParametersOffset < 0 || AuthParametersOffset + len > packet.Length) return false;
        var copy = packet.ToArray();
        Array.Clear(copy, AuthParametersOffset, len);
        return CryptographicOperations.FixedTimeEquals(UsmCrypto.Mac(auth, authKey, copy), AuthParameters);
    }

    /// <summary>Decrypts msgData and decodes the scoped PDU; false with a reason on any failure.</summary>
    public bool TryDecrypt(PrivProtocol priv, byte[] privKey, out string error)
    {
        error = "";
        if (EncryptedPdu is null) { error = "message is not encrypted"; return false; }
        try
        {
            var plain = UsmCrypto.Decrypt(priv, privKey, EngineBoots, EngineTime, PrivParameters, EncryptedPdu);
            // DES pads to 8 bytes: the scoped PDU's own length bounds what is read.
            var reader = new BerReader(plain);
            var scoped = reader.ReadConstructed(BerWriter.Sequence);
            scoped.ReadOctetString();
            scoped.ReadOctetString();
            Pdu = Pdu.Decode(ref scoped);
            return true;
        }
        catch (BerException e) { error = "decryption gave no valid scoped PDU (wrong privacy key or protocol?): " + e.Message; return false; }
        catch (CryptographicException e) { error = "decryption failed: " + e.Message; return false; }
    }

    public static bool TryDecode(ReadOnlySpan<byte> packet, out V3Message message, out string error)
    {
        message = null!;
        try
        {
            var outer = new BerReader(packet);
            var seq = outer.ReadConstructed(BerWriter.Sequence);
            if (outer.HasMore) throw new BerException("trailing bytes after the message", outer.Offset);
            if (seq.ReadInteger() != 3) throw new BerException("not an SNMPv3 message", 0);
            var header = seq.ReadConstructed(BerWriter.Sequence);
            var msgId = header.ReadInt32();
            var maxSize = header.ReadInt32();
            var flags = header.ReadOctetString();
            if (flags.Length != 1) throw new BerException($"msgFlags of {flags.Length} bytes", header.Offset);
            var model = header.ReadInteger();
            if (model != 3) throw new BerException($"security model {model} is not USM (3)", header.Offset);
            var usmOctet = seq.Expect(0x04, out var usmAt);
            var usmOuter = new BerReader(usmOctet, usmAt);
            var usm = usmOuter.ReadConstructed(BerWriter.Sequence);
            var engineId = usm.ReadOctetString();
            var boots = usm.ReadInt32();
            var time = usm.ReadInt32();
            var user = usm.ReadOctetString();
            var authParams = usm.Expect(0x04, out var authAt).ToArray();
            var privParams = usm.ReadOctetString();
            if (engineId.Length > 32 || user.Length > 32) throw new BerException("engine id or user name longer than 32 bytes", usmAt);
            Pdu? pdu = null;
            byte[]? encrypted = null;
            byte[] ctxEngine = [], ctxName = [];
            if (seq.PeekTag() == 0x04) encrypted = seq.ReadOctetString();
            else
            {
                var scoped = seq.ReadConstructed(BerWriter.Sequence);
                ctxEngine = scoped.ReadOctetString();
                ctxName = scoped.ReadOctetString();
                pdu = Pdu.Decode(ref scoped);
            }
            if ((flags[0] & FlagPriv) != 0 && encrypted is null) throw new BerException("privacy flag set on a plain scoped PDU", 0);
            if ((flags[0] & FlagPriv) == 0 && encrypted is not null) throw new BerException("encrypted data without the privacy flag", 0);
            message = new V3Message
            {
                MessageId = msgId, MaxSize = maxSize, Flags = flags[0], EngineId = engineId, EngineBoots = boots, EngineTime = time,
                UserName = user, AuthParameters = authParams, PrivParameters = privParams, ContextEngineId = ctxEngine,
                ContextName = ctxName, EncryptedPdu = encrypted, AuthParametersOffset = authAt,
            };
            message.Pdu = pdu;
            error = "";
            return true;
        }
        catch (BerException e)
        {
            error = e.Message;
            return false;
        }
    }
}
