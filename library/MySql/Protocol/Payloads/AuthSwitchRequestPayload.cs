using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>The server asks the client to authenticate with another plugin and a fresh scramble.</summary>
internal sealed record AuthSwitchRequestPayload(string PluginName, byte[] PluginData)
{
    public const byte Header = 0xFE;

    public static AuthSwitchRequestPayload Read(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        if (reader.ReadByte() != Header) throw new MySqlProtocolException("expected AuthSwitchRequest");
        var name = reader.ReadNullTerminatedString();
        var data = reader.ReadRemaining();
        // The scramble is sent NUL-terminated.
        if (data.Length > 0 && data[^1] == 0) data = data[..^1];
        return new AuthSwitchRequestPayload(name, data.ToArray());
    }
}
