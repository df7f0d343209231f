using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>The truncated login packet that asks the server to switch to TLS before authentication.</summary>
internal static class SslRequestPayload
{
    public static byte[] Create(CapabilityFlags capabilities) =>
        new PayloadWriter()
            .WriteUInt32((uint)(capabilities | CapabilityFlags.Ssl))
            .WriteUInt32(HandshakeResponse41Payload.MaxPacketSize)
            .Write(HandshakeResponse41Payload.Utf8Mb4GeneralCi)
            .WriteZeros(23)
            .ToArray();
}
