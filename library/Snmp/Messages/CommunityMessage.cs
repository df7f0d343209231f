namespace Ops.Snmp;

/// <summary>An SNMPv1 or v2c message: version, community and PDU (RFC 1157, RFC 1901).</summary>
public sealed record CommunityMessage(SnmpVersion Version, byte[] Community, Pdu Pdu)
{
    public byte[] Encode() => BerWriter.Constructed(BerWriter.Sequence,
        BerWriter.Integer((int)Version), BerWriter.OctetString(Community), Pdu.Encode());

    /// <summary>Decodes a v1/v2c message; hostile input gives an error text, never an exception.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out CommunityMessage message, out string error)
    {
        message = null!;
        try
        {
            var outer = new BerReader(packet);
            var seq = outer.ReadConstructed(BerWriter.Sequence);
            if (outer.HasMore) throw new BerException("trailing bytes after the message", outer.Offset);
            var version = seq.ReadInteger();
            if (version is not (0 or 1)) throw new BerException($"version {version} is not v1/v2c", 0);
            var community = seq.ReadOctetString();
            var pdu = Pdu.Decode(ref seq);
            if (seq.HasMore) throw new BerException("trailing bytes after the PDU", seq.Offset);
            message = new CommunityMessage((SnmpVersion)version, community, pdu);
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
