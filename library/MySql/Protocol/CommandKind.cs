namespace Ops.MySql.Protocol;

/// <summary>The first byte of a command packet.</summary>
internal enum CommandKind : byte
{
    Quit = 0x01,
    Query = 0x03,
    Ping = 0x0E,
}
