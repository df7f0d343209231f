using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ops.Tests.Aws;

/// <summary>What the server saw: the request line's target byte for byte, the canonical URI it computed, and its verdict.</summary>
public sealed record VerifiedRequest(string Method, string Target, string CanonicalPath, bool Valid, string Why);

/// <summary>
/// A loopback HTTP/1.1 server that checks SigV4 the way an AWS service (es) does: from the request as
/// received on the socket (the raw request-target, the header lines, the body bytes) it recomputes the
/// canonical request (path normalized, then encoded again; query decoded, encoded and sorted) and the
/// signature, and answers 403 when they differ. Written independently of <c>Ops.Aws.SigV4Canonical</c>
/// (framework escaping, regex whitespace folding), so the two cross-check each other.
/// </summary>
public sealed class SigV4VerifyingServer : IDisposable
{
    private const int MaxHead = 64 * 1024, MaxBody = 1024 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, string> _secrets;
    private readonly Func<string, string, (int Status, string Json)> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly List<VerifiedRequest> _seen = new();

    /// <param name="secrets">access key id → secret key</param>
    /// <param name="answer">(method, path) → status and JSON for a correctly signed request</param>
    public SigV4VerifyingServer(Dictionary<string, string> secrets, Func<string, string, (int, string)>? answer = null)
    {
        _secrets = secrets;
        _answer = answer ?? ((_, _) => (200, "{}"));
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<VerifiedRequest> Seen { get { lock (_seen) return _seen.ToList(); } }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var stream = client.GetStream();
        try
        {
            var (head, rest) = await ReadHeadAsync(stream, timeout.Token);
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = lines.Skip(1).Where(l => l.Length > 0).Select(l => (Name: l[..l.IndexOf(':')].Trim().ToLowerInvariant(), Value: l[(l.IndexOf(':') + 1)..])).ToList();
            var length = int.Parse(headers.FirstOrDefault(h => h.Name == "content-length").Value?.Trim() ?? "0");
            if (length > MaxBody) throw new InvalidDataException("body too large");
            var body = new byte[length];
            rest.AsSpan(0, Math.Min(rest.Length, length)).CopyTo(body);
            if (rest.Length < length) await stream.ReadExactlyAsync(body.AsMemory(rest.Length), timeout.Token);
            var verdict = Verify(requestLine[0], requestLine[1], headers, body);
            lock (_seen) _seen.Add(verdict);
            var (status, json) = verdict.Valid ? _answer(verdict.Method, verdict.Target.Split('?')[0])
                : (403, "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}");
            var payload = Encoding.UTF8.GetBytes(json);
            var response = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response).Concat(payload).ToArray(), timeout.Token);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or FormatException or SocketException) { }
    }

    private static async Task<(string Head, byte[] Remainder)> ReadHeadAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            var n = await stream.ReadAsync(chunk, token);
            if (n == 0) throw new IOException("closed before the end of the headers");
            buffer.Write(chunk, 0, n);
            var bytes = buffer.ToArray();
            var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.UTF8.GetString(bytes, 0, end), bytes[(end + 4)..]);
            if (bytes.Length > MaxHead) throw new InvalidDataException("headers too large");
        }
    }

    private VerifiedRequest Verify(string method, string target, List<(string Name, string Value)> headers, byte[] body)
    {
        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        var segments = new List<string>();
        foreach (var s in path.Split('/'))
            if (s == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else if (s is not ("" or ".")) segments.Add(s);
        var canonicalPath = "/" + string.Join("/", segments.Select(Uri.EscapeDataString)) + (path.EndsWith('/') && segments.Count > 0 ? "/" : "");
        VerifiedRequest Result(bool ok, string why) => new(method, target, canonicalPath, ok, why);

        var auth = headers.FirstOrDefault(h => h.Name == "authorization").Value?.Trim();
        if (auth is null || !auth.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal)) return Result(false, "unsigned");
        var fields = auth["AWS4-HMAC-SHA256 ".Length..].Split(',').Select(p => p.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var scope = fields.GetValueOrDefault("Credential", "").Split('/');
        if (scope.Length != 5 || !_secrets.TryGetValue(scope[0], out var secret)) return Result(false, "unknown access key");
        var signedNames = fields.GetValueOrDefault("SignedHeaders", "").Split(';');
        if (!signedNames.Contains("host") || !signedNames.Contains("x-amz-date")) return Result(false, "host or x-amz-date not signed");

        var query = q < 0 ? "" : string.Join("&", target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (K: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), V: Uri.EscapeDataString(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal)
            .Select(p => p.K + "=" + p.V));
        var canonicalHeaders = string.Concat(signedNames.Select(n =>
            n + ":" + string.Join(",", headers.Where(h => h.Name == n).Select(h => Regex.Replace(h.Value.Trim(), @"\s+", " "))) + "\n"));
        var canonical = $"{method}\n{canonicalPath}\n{query}\n{canonicalHeaders}\n{string.Join(";", signedNames)}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
        var amzDate = headers.FirstOrDefault(h => h.Name == "x-amz-date").Value?.Trim() ?? "";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{string.Join('/', scope[1..])}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope[1..]) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == fields.GetValueOrDefault("Signature") ? Result(true, "signed") : Result(false, "signature mismatch");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
