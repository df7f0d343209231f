using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Tests.Jupyter.Protocol;

public class MessageCodecTests
{
    private static readonly byte[] Id = "client-1"u8.ToArray();

    [Fact]
    public void Signature_is_hmac_sha256_hex_over_the_four_json_parts()
    {
        var signer = new MessageSigner("secret");
        var sig = signer.Sign("{\"a\":1}"u8, "{}"u8, "{}"u8, "{\"code\":\"1\"}"u8);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("secret"u8, "{\"a\":1}{}{}{\"code\":\"1\"}"u8));
        Assert.Equal(expected, Encoding.ASCII.GetString(sig));
    }

    [Fact]
    public void Encoded_message_decodes_with_identities_parent_and_content()
    {
        var codec = new MessageCodec(new MessageSigner("k"), "kernel-session");
        var parent = "{\"msg_id\":\"p1\",\"msg_type\":\"execute_request\"}"u8.ToArray();
        var frames = codec.Encode([Id], "execute_reply", parent, new JsonObject { ["status"] = "ok" });
        Assert.Equal(Id, frames[0]);
        Assert.Equal(MessageCodec.Delimiter, frames[1]);
        Assert.Equal(parent, frames[4]);

        var decoded = new MessageCodec(new MessageSigner("k"), "other").Decode(frames, out var error);
        Assert.Null(error);
        Assert.NotNull(decoded);
        Assert.Equal("execute_reply", decoded.Type);
        Assert.Equal("5.3", decoded.Header.Version);
        Assert.Equal("kernel-session", decoded.Header.Session);
        Assert.Equal("ok", decoded.Content["status"]!.GetValue<string>());
        Assert.Equal(Id, Assert.Single(decoded.Identities));
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("")]
    public void Message_signed_with_another_key_or_unsigned_is_refused(string senderKey)
    {
        var frames = new MessageCodec(new MessageSigner(senderKey), "s").Encode([Id], "execute_request", null, new JsonObject { ["code"] = "1" });
        var decoded = new MessageCodec(new MessageSigner("right-key"), "k").Decode(frames, out var error);
        Assert.Null(decoded);
        Assert.Contains("signature", error);
    }

    [Fact]
    public void Tampered_content_is_refused()
    {
        var frames = new MessageCodec(new MessageSigner("k"), "s").Encode([Id], "execute_request", null, new JsonObject { ["code"] = "1" });
        frames[^1] = Encoding.UTF8.GetBytes("{\"code\":\"System.IO.File.Delete(\\\"x\\\")\"}");
        Assert.Null(new MessageCodec(new MessageSigner("k"), "k").Decode(frames, out var error));
        Assert.Equal("invalid signature", error);
    }

    [Fact]
    public void Replayed_message_is_refused_the_second_time()
    {
        var frames = new MessageCodec(new MessageSigner("k"), "s").Encode([Id], "execute_request", null, new JsonObject { ["code"] = "1" });
        var codec = new MessageCodec(new MessageSigner("k"), "k");
        Assert.NotNull(codec.Decode(frames, out _));
        Assert.Null(codec.Decode(frames, out var error));
        Assert.Equal("replayed signature", error);
    }

    [Fact]
    public void Empty_key_means_unsigned_messages_are_accepted()
    {
        var frames = new MessageCodec(new MessageSigner(""), "s").Encode([Id], "kernel_info_request", null, []);
        Assert.Empty(frames[2]);
        Assert.NotNull(new MessageCodec(new MessageSigner(""), "k").Decode(frames, out _));
    }

    [Theory]
    [InlineData(new[] { "no-delimiter", "x" }, "delimiter")]
    [InlineData(new[] { "id", "<IDS|MSG>", "", "{}" }, "frames")]
    [InlineData(new[] { "id", "<IDS|MSG>", "", "not json", "{}", "{}", "{}" }, "JSON")]
    [InlineData(new[] { "id", "<IDS|MSG>", "", "{}", "{}", "{}", "{}" }, "msg_type")]
    [InlineData(new[] { "id", "<IDS|MSG>", "", "{\"msg_type\":\"x\"}", "{}", "{}", "[1]" }, "content")]
    public void Malformed_messages_are_refused_with_a_reason(string[] parts, string reason)
    {
        var decoded = new MessageCodec(new MessageSigner(""), "k").Decode(parts.Select(Encoding.UTF8.GetBytes).ToArray(), out var error);
        Assert.Null(decoded);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Connection_file_gives_tcp_and_ipc_endpoints()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005, "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "ops-csharp"}""");
        var info = ConnectionInfo.Load(path);
        Assert.Equal("tcp://127.0.0.1:5001", info.Endpoint(info.ShellPort));
        Assert.Equal("abc", info.Key);
        Assert.Equal("ipc://kernel-x-5005", (info with { Transport = "ipc", Ip = "kernel-x" }).Endpoint(info.HbPort));
        File.WriteAllText(path, "{ nope");
        Assert.Contains(path, Assert.Throws<InvalidOperationException>(() => ConnectionInfo.Load(path)).Message);
        File.Delete(path);
    }
}
