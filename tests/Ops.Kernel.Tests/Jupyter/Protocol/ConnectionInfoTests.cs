using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Tests.Jupyter.Protocol;

public class ConnectionInfoTests
{
    /// <summary>A connection file as jupyter_client writes it, with <paramref name="field"/> ("name": value) replacing one value.</summary>
    private static string Write(string field)
    {
        var json = JsonNode.Parse("""
            {"transport": "tcp", "ip": "127.0.0.1", "key": "k", "signature_scheme": "hmac-sha256",
             "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}
            """)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse("{" + field + "}")!.AsObject()) json[name] = value?.DeepClone();
        var path = Path.Combine(Path.GetTempPath(), $"ops-conn-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData("\"signature_scheme\": \"hmac-sha3-256\"", "signature_scheme 'hmac-sha3-256' is not supported; use one of hmac-sha256")]
    [InlineData("\"transport\": \"udp\"", "transport 'udp' is not supported; use tcp or ipc")]
    [InlineData("\"shell_port\": 70000", "shell_port 70000 is not a port (0-65535)")]
    [InlineData("\"ip\": \"\"", "ip is empty")]
    public void Unsupported_values_are_refused_naming_the_file_the_field_and_what_works(string field, string message)
    {
        var path = Write(field);
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => ConnectionInfo.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains(message, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_kernel_with_an_unsupported_signature_scheme_exits_3_with_one_line_and_no_stack_trace()
    {
        var path = Write("\"signature_scheme\": \"hmac-whirlpool\"");
        try
        {
            var (code, output) = Ops.Kernel.Tests.Jupyter.KernelspecFixture.RunOps("kernel", "-f", path);
            Assert.Equal(Ops.Kernel.Cli.ExitCodes.InputError, code);
            Assert.Contains($"ops kernel: connection file {path}: signature_scheme 'hmac-whirlpool' is not supported", output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("Exception", output);
        }
        finally { File.Delete(path); }
    }
}
