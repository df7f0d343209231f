using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::ColumnDefinition41 (the fields a probe needs). MariaDB clients that negotiate
/// MARIADB_CLIENT_EXTENDED_TYPE_INFO get one more length-encoded string (type metadata) after the
/// original name; this client does not ask for it, but captured MariaDB traffic may carry it.
/// </summary>
internal sealed record ColumnDefinitionPayload(string Schema, string Table, string Name, ushort CharacterSet, uint Length, byte ColumnType, ushort Flags, byte Decimals)
{
    public static ColumnDefinitionPayload Read(ReadOnlySpan<byte> payload, bool mariaDbExtendedTypeInfo = false)
    {
        var reader = new PayloadReader(payload);
        reader.ReadLengthEncodedString(); // catalog ("def")
        var schema = reader.ReadLengthEncodedString();
        var table = reader.ReadLengthEncodedString();
        reader.ReadLengthEncodedString(); // original table
        var name = reader.ReadLengthEncodedString();
        reader.ReadLengthEncodedString(); // original name
        if (mariaDbExtendedTypeInfo) reader.ReadLengthEncodedString();
        reader.ReadLengthEncodedInteger(); // length of fixed fields (0x0C)
        var charset = reader.ReadUInt16();
        var length = reader.ReadUInt32();
        var type = reader.ReadByte();
        var flags = reader.ReadUInt16();
        var decimals = reader.ReadByte();
        return new ColumnDefinitionPayload(schema, table, name, charset, length, type, flags, decimals);
    }
}
