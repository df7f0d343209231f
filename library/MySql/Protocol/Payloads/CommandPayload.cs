using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol.Payloads;

/// <summary>COM_QUERY, COM_PING and COM_QUIT payloads.</summary>
internal static class CommandPayload
{
    public static byte[] Query(string sql) => new PayloadWriter().Write((byte)CommandKind.Query).WriteString(sql).ToArray();
    public static byte[] Quit() => [(byte)CommandKind.Quit];
    public static byte[] Ping() => [(byte)CommandKind.Ping];
}
