using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>The connection file a frontend writes for the kernel: where to bind and how to sign.</summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("hb_port")] public int HbPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    public static ConnectionInfo Load(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read connection file {path}: {e.Message}", e);
        }
        try
        {
            var info = JsonSerializer.Deserialize(json, ProtocolJson.Default.ConnectionInfo)
                ?? throw new InvalidOperationException($"connection file {path} is empty");
            info.Validate(path);
            return info;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"connection file {path} is not valid JSON: {e.Message} (line {e.LineNumber + 1})", e);
        }
    }

    /// <summary>Refuses values the kernel cannot work with, naming the file, the field and what would work.</summary>
    public void Validate(string path)
    {
        if (Transport is not ("tcp" or "ipc"))
            throw new InvalidOperationException($"connection file {path}: transport '{Transport}' is not supported; use tcp or ipc");
        if (!MessageSigner.SupportedSchemes.Contains(SignatureScheme))
            throw new InvalidOperationException($"connection file {path}: signature_scheme '{SignatureScheme}' is not supported; " +
                $"use one of {string.Join(", ", MessageSigner.SupportedSchemes)}");
        if (string.IsNullOrWhiteSpace(Ip))
            throw new InvalidOperationException($"connection file {path}: ip is empty; give the address to bind (127.0.0.1 for this machine only)");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HbPort) })
            if (port is < 0 or > 65535)
                throw new InvalidOperationException($"connection file {path}: {name} {port} is not a port (0-65535)");
    }

    /// <summary>The ZMTP endpoint of a port: tcp://ip:port, or ipc://ip-port as jupyter_client names ipc files.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"tcp://{Ip}:{port}";
}
