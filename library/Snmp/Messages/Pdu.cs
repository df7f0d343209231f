namespace Ops.Snmp;

/// <summary>
/// A PDU. For GetBulkRequest the error-status and error-index fields carry non-repeaters and
/// max-repetitions (RFC 3416 §4.2.3), exposed as <see cref="NonRepeaters"/> / <see cref="MaxRepetitions"/>.
/// </summary>
public sealed record Pdu(PduType Type, int RequestId, int ErrorStatusCode, int ErrorIndex, IReadOnlyList<VarBind> VarBinds)
{
    public ErrorStatus ErrorStatus => (ErrorStatus)ErrorStatusCode;
    public int NonRepeaters => ErrorStatusCode;
    public int MaxRepetitions => ErrorIndex;

    public static Pdu Request(PduType type, int requestId, IEnumerable<VarBind> varBinds) => new(type, requestId, 0, 0, varBinds.ToList());

    public static Pdu GetBulk(int requestId, int nonRepeaters, int maxRepetitions, IEnumerable<Oid> oids) =>
        new(PduType.GetBulkRequest, requestId, nonRepeaters, maxRepetitions, oids.Select(o => new VarBind(o)).ToList());

    public byte[] Encode()
    {
        var vbs = new byte[VarBinds.Count][];
        for (var i = 0; i < vbs.Length; i++)
            vbs[i] = BerWriter.Constructed(BerWriter.Sequence, BerWriter.ObjectIdentifier(VarBinds[i].Oid), BerWriter.Value(VarBinds[i].Value));
        return BerWriter.Constructed((byte)Type,
            BerWriter.Integer(RequestId), BerWriter.Integer(ErrorStatusCode), BerWriter.Integer(ErrorIndex),
            BerWriter.Constructed(BerWriter.Sequence, vbs));
    }

    public static Pdu Decode(ref BerReader reader)
    {
        var at = reader.Offset;
        var tag = reader.PeekTag();
        if (tag is < 0xA0 or > 0xA8 || tag == (byte)PduType.TrapV1)
            throw new BerException($"unsupported PDU tag 0x{tag:x2}", at);
        var pdu = reader.ReadConstructed(tag);
        var requestId = pdu.ReadInt32();
        var status = pdu.ReadInt32();
        var index = pdu.ReadInt32();
        var list = pdu.ReadConstructed(BerWriter.Sequence);
        var varBinds = new List<VarBind>();
        while (list.HasMore)
        {
            var vb = list.ReadConstructed(BerWriter.Sequence);
            var oid = vb.ReadOid();
            var value = vb.ReadValue();
            if (vb.HasMore) throw new BerException("extra data in a variable binding", vb.Offset);
            varBinds.Add(new VarBind(oid, value));
        }
        return new Pdu((PduType)tag, requestId, status, index, varBinds);
    }
}
