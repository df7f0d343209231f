using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>The client's login packet (Protocol::HandshakeResponse41).</summary>
internal static class HandshakeResponse41Payload
{
    public const uint MaxPacketSize = 16 * 1024 * 1024;
    /// <summary>utf8mb4_general_ci; understood by MySQL 5.5+ and MariaDB.</summary>
    public const byte Utf8Mb4GeneralCi = 45;

    public static byte[] Create(CapabilityFlags capabilities, string user, ReadOnlySpan<byte> authResponse,
        string? database, string authPluginName)
    {
        var writer = new PayloadWriter()
            .WriteUInt32((uint)capabilities)
            .WriteUInt32(MaxPacketSize)
            .Write(Utf8Mb4GeneralCi)
            .WriteZeros(23)
            .WriteNullTerminated(user);
        if ((capabilities & CapabilityFlags.PluginAuthLengthEncodedClientData) != 0)
            writer.WriteLengthEncoded(authResponse);
        else
            writer.Write((byte)authResponse.Length).Write(authResponse);
        if ((capabilities & CapabilityFlags.ConnectWithDb) != 0)
            writer.WriteNullTerminated(database ?? "");
        if ((capabilities & CapabilityFlags.PluginAuth) != 0)
            writer.WriteNullTerminated(authPluginName);
        return writer.ToArray();
    }
}
