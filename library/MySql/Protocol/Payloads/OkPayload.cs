using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>
/// OK_Packet. With CLIENT_DEPRECATE_EOF the end of a result set is an OK packet with header 0xFE
/// instead of an EOF packet.
/// </summary>
internal sealed record OkPayload(ulong AffectedRows, ulong LastInsertId, ushort StatusFlags, ushort Warnings, string Info)
{
    public const byte Header = 0x00;

    public static bool IsOk(ReadOnlySpan<byte> payload) => payload.Length >= 7 && payload[0] == Header;

    /// <summary>The OK that replaces EOF at the end of rows when CLIENT_DEPRECATE_EOF is on.</summary>
    public static bool IsEofStyleOk(ReadOnlySpan<byte> payload) => payload.Length >= 7 && payload.Length < PacketChannel.MaxPacketPayload && payload[0] == EofPayload.Header;

    public static OkPayload Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var header = reader.ReadByte();
        if (header != Header && header != EofPayload.Header)
            throw new MySqlProtocolException($"expected OK packet, got header 0x{header:X2}");
        var affected = reader.ReadLengthEncodedInteger();
        var insertId = reader.ReadLengthEncodedInteger();
        var status = reader.Remaining >= 2 ? reader.ReadUInt16() : (ushort)0;
        var warnings = reader.Remaining >= 2 ? reader.ReadUInt16() : (ushort)0;
        var info = reader.AtEnd ? "" : System.Text.Encoding.UTF8.GetString(reader.ReadRemaining());
        return new OkPayload(affected, insertId, status, warnings, info);
    }
}
