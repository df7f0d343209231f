using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>EOF_Packet: 0xFE, warnings, status flags; shorter than 9 bytes (a row may also start with 0xFE).</summary>
internal sealed record EofPayload(ushort Warnings, ushort StatusFlags)
{
    public const byte Header = 0xFE;

    public static bool IsEof(ReadOnlySpan<byte> payload) => payload.Length is > 0 and < 9 && payload[0] == Header;

    public static EofPayload Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        if (reader.ReadByte() != Header) throw new MySqlProtocolException("expected EOF packet");
        var warnings = reader.Remaining >= 2 ? reader.ReadUInt16() : (ushort)0;
        var status = reader.Remaining >= 2 ? reader.ReadUInt16() : (ushort)0;
        return new EofPayload(warnings, status);
    }
}
