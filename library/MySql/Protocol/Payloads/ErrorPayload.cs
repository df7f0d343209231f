using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>ERR_Packet: error code, SQLSTATE (after '#', protocol 4.1) and message.</summary>
internal sealed record ErrorPayload(ushort Code, string SqlState, string Message)
{
    public const byte Header = 0xFF;

    public static bool IsError(ReadOnlySpan<byte> payload) => payload.Length > 0 && payload[0] == Header;

    public static ErrorPayload Read(ReadOnlySpan<byte> payload, bool hasSqlState = true)
    {
        var reader = new PayloadReader(payload);
        if (reader.ReadByte() != Header) throw new MySqlProtocolException("expected ERR packet");
        var code = reader.ReadUInt16();
        var state = "HY000";
        if (hasSqlState && reader.Remaining >= 6 && reader.PeekByte() == (byte)'#')
        {
            reader.Skip(1);
            state = reader.ReadFixedString(5);
        }
        var message = ServerText.Decode(reader.ReadRemaining());
        return new ErrorPayload(code, state, message);
    }

    /// <summary>The typed exception for this error, naming the phase it ended.</summary>
    public MySqlException ToException(string phase, string? endpoint = null) =>
        new(MySqlException.KindOf(Code), $"{phase}: ERROR {Code} ({SqlState}): {Message}", endpoint, Code, SqlState);
}
