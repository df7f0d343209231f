namespace Ops.MySql;

/// <summary>A result column: its name, the server's type name (VARBINARY, BIT, DATETIME, ...), the .NET type of its values and its fractional-second digits.</summary>
public sealed record MySqlColumn(string Name, string TypeName, Type ClrType, int Decimals = 0)
{
    /// <summary>BINARY, VARBINARY and the BLOBs: values are <c>byte[]</c>.</summary>
    public bool IsBinary => ClrType == typeof(byte[]);
}
