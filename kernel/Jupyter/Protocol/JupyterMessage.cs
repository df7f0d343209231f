using System.Text.Json.Nodes;

namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>
/// A verified, decoded Jupyter message. <see cref="RawHeader"/> keeps the header bytes exactly as
/// received, so replies carry it unchanged as their parent_header.
/// </summary>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    MessageHeader Header,
    byte[] RawHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    public string Type => Header.MessageType;
}
