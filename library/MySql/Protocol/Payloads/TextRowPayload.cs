using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>A text-protocol result row: one length-encoded string (or NULL) per column.</summary>
internal static class TextRowPayload
{
    public static string?[] Read(ReadOnlySpan<byte> payload, int columns)
    {
        var reader = new PayloadReader(payload);
        var values = new string?[columns];
        for (var i = 0; i < columns; i++) values[i] = reader.ReadLengthEncodedStringOrNull();
        return values;
    }
}
