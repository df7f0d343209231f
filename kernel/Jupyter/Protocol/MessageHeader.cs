using System.Text.Json.Serialization;

namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>The header of a Jupyter message (messaging spec 5.3).</summary>
public sealed record MessageHeader
{
    public const string ProtocolVersion = "5.3";

    [JsonPropertyName("msg_id")] public string MessageId { get; init; } = "";
    [JsonPropertyName("session")] public string Session { get; init; } = "";
    [JsonPropertyName("username")] public string Username { get; init; } = "";
    [JsonPropertyName("date")] public string Date { get; init; } = "";
    [JsonPropertyName("msg_type")] public string MessageType { get; init; } = "";
    [JsonPropertyName("version")] public string Version { get; init; } = ProtocolVersion;

    public static MessageHeader Create(string messageType, string session, string username = "ops") => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Session = session,
        Username = username,
        Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
        MessageType = messageType,
    };
}
