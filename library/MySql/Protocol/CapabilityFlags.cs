namespace Ops.MySql.Protocol;

/// <summary>Client/server capability bits exchanged in the handshake (MySQL and MariaDB share the low 32 bits).</summary>
[Flags]
internal enum CapabilityFlags : uint
{
    None = 0,
    /// <summary>Set by MySQL servers; MariaDB 10.2+ clears it to announce its extended capabilities.</summary>
    LongPassword = 0x1,
    FoundRows = 0x2,
    LongFlag = 0x4,
    ConnectWithDb = 0x8,
    NoSchema = 0x10,
    Compress = 0x20,
    LocalFiles = 0x80,
    IgnoreSpace = 0x100,
    Protocol41 = 0x200,
    Interactive = 0x400,
    Ssl = 0x800,
    Transactions = 0x2000,
    SecureConnection = 0x8000,
    MultiStatements = 0x10000,
    MultiResults = 0x20000,
    PluginAuth = 0x80000,
    ConnectAttributes = 0x100000,
    PluginAuthLengthEncodedClientData = 0x200000,
    SessionTrack = 0x800000,
    DeprecateEof = 0x1000000,
}
