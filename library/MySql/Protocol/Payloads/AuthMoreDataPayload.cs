namespace Ops.MySql.Protocol.Payloads;

/// <summary>Extra authentication data from the server (caching_sha2_password status byte or RSA key).</summary>
internal sealed record AuthMoreDataPayload(byte[] Data)
{
    public const byte Header = 0x01;

    public static AuthMoreDataPayload Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0 || payload[0] != Header) throw new MySqlProtocolException("expected AuthMoreData");
        return new AuthMoreDataPayload(payload[1..].ToArray());
    }
}
