using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>
/// The server's first packet (Protocol::HandshakeV10). MariaDB differs in three ways handled here:
/// its version string starts with the "5.5.5-" replication prefix, it clears CLIENT_MYSQL (bit 0) and
/// puts extended capabilities in the last 4 of the 10 reserved bytes.
/// </summary>
internal sealed record InitialHandshakePayload(
    byte ProtocolVersion,
    string ServerVersion,
    uint ConnectionId,
    byte[] AuthPluginData,
    CapabilityFlags Capabilities,
    byte CharacterSet,
    ushort StatusFlags,
    string AuthPluginName,
    uint MariaDbExtendedCapabilities)
{
    private const string MariaDbReplicationPrefix = "5.5.5-";

    /// <summary>MariaDB server: "MariaDB" in the version, or CLIENT_MYSQL cleared by a 10.2+ server.</summary>
    public bool IsMariaDb => ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
        || (Capabilities & CapabilityFlags.LongPassword) == 0;

    /// <summary>The version as the server means it: MariaDB's "5.5.5-10.11.6-MariaDB" becomes "10.11.6-MariaDB".</summary>
    public string DisplayVersion => ServerVersion.StartsWith(MariaDbReplicationPrefix, StringComparison.Ordinal) && IsMariaDb
        ? ServerVersion[MariaDbReplicationPrefix.Length..]
        : ServerVersion;

    public static InitialHandshakePayload Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        if (reader.PeekByte() == 0xFF)
        {
            // Refused before the handshake (too many connections, host blocked).
            throw ErrorPayload.Read(payload, hasSqlState: false).ToException("handshake");
        }
        var protocol = reader.ReadByte();
        if (protocol != 10)
            throw new MySqlProtocolException($"unsupported handshake protocol version {protocol} (expected 10); is this a MySQL port?");
        var version = reader.ReadNullTerminatedString();
        var connectionId = reader.ReadUInt32();
        var scramble1 = reader.ReadBytes(8).ToArray();
        reader.Skip(1); // filler
        var capabilities = (CapabilityFlags)reader.ReadUInt16();
        byte charset = 0;
        ushort status = 0;
        uint mariaExtended = 0;
        var scramble = scramble1;
        var plugin = "mysql_native_password";
        if (!reader.AtEnd)
        {
            charset = reader.ReadByte();
            status = reader.ReadUInt16();
            capabilities |= (CapabilityFlags)((uint)reader.ReadUInt16() << 16);
            var authDataLength = reader.ReadByte();
            reader.Skip(6);
            var reservedTail = reader.ReadUInt32();
            if ((capabilities & CapabilityFlags.LongPassword) == 0) mariaExtended = reservedTail;
            if ((capabilities & CapabilityFlags.SecureConnection) != 0)
            {
                var length = Math.Max(13, authDataLength - 8);
                var scramble2 = reader.ReadBytes(Math.Min(length, reader.Remaining));
                // The second part is NUL-terminated; the scramble itself is 20 bytes.
                var trimmed = scramble2.Length > 0 && scramble2[^1] == 0 ? scramble2[..^1] : scramble2;
                scramble = [.. scramble1, .. trimmed];
            }
            if ((capabilities & CapabilityFlags.PluginAuth) != 0 && !reader.AtEnd)
                plugin = reader.ReadNullTerminatedString();
        }
        return new InitialHandshakePayload(protocol, version, connectionId, scramble, capabilities, charset, status, plugin, mariaExtended);
    }
}
