using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>A text-protocol result row: one length-encoded value (or NULL) per column, kept as bytes (BINARY, BLOB, BIT are not text).</summary>
internal static class TextRowPayload
{
    public static byte[]?[] Read(ReadOnlySpan<byte> payload, int columns)
    {
        var reader = new PayloadReader(payload);
        var values = new byte[]?[columns];
        for (var i = 0; i < columns; i++)
            values[i] = reader.ReadLengthEncodedIntegerOrNull() is { } length ? reader.ReadBytes(checked((int)length)).ToArray() : null;
        return values;
    }
}
