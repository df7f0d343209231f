using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ops.Aws;
using Ops.Testing;

namespace Ops.Tests.Aws;

/// <summary>
/// The canonical requests of the <c>es</c> path cases compared with botocore's (the AWS SDK for
/// Python, an independent signer), given the same URL as HttpClient puts on the wire.
/// </summary>
public sealed class BotocoreCrossCheckTests
{
    private const string Script = """
        import json, sys
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        out = []
        for c in json.load(sys.stdin):
            r = AWSRequest(method=c["method"], url=c["url"], data=c["body"].encode(), headers=c["headers"])
            r.headers["X-Amz-Date"] = c["date"]
            r.context["timestamp"] = c["date"]
            out.append(SigV4Auth(Credentials("AKIDEXAMPLE", "secret"), "es", "ap-northeast-1").canonical_request(r))
        json.dump(out, sys.stdout)
        """;

    [PeerFact("python3", PythonModules = ["botocore"])]
    public void Es_paths_patterns_lists_and_encoded_ids_are_canonicalized_as_botocore_does()
    {
        var at = new DateTime(2021, 9, 13, 8, 3, 32, DateTimeKind.Utc);
        var signer = new SigV4Signer("AKIDEXAMPLE", "secret", "ap-northeast-1");
        string[] paths = ["/_cat/indices/logs-*?format=json", "/index1,index2/_search", "/news/_doc/$delete", "/news/_doc/caf%C3%A9",
            "/news/_doc/caf\u00e9", "/news/_doc/x%20y", "/news/_doc/x y", "/logs-(2019)/_doc/a;b=c+d&e!'", "/a/./b/../c//d/", "/_cat/indices?format=json&bytes=b"];
        var cases = paths.Select(p => new Uri("https://search-x.ap-northeast-1.es.amazonaws.com" + p))
            .Select(u => (Uri: u, Method: u.AbsolutePath.EndsWith("_search") ? "POST" : "GET"))
            .Select(c => (c.Uri, c.Method, Body: c.Method == "POST" ? "{\"size\":1}" : "",
                Headers: c.Method == "POST" ? new Dictionary<string, string> { ["Content-Type"] = "application/json" } : new Dictionary<string, string>()))
            .ToList();
        var input = JsonSerializer.Serialize(cases.Select(c => new { method = c.Method, url = "https://" + c.Uri.Host + c.Uri.PathAndQuery, body = c.Body, headers = c.Headers, date = "20210913T080332Z" }));

        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", Script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(psi)!;
        python.StandardInput.Write(input);
        python.StandardInput.Close();
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        Assert.True(python.WaitForExit(30_000), "python3 with botocore did not finish in 30 s");
        Assert.True(python.ExitCode == 0, stderr.Result);
        var theirs = JsonSerializer.Deserialize<string[]>(stdout.Result)!;

        var ours = cases.Select(c => signer.Sign(c.Method, c.Uri, c.Headers, Encoding.UTF8.GetBytes(c.Body), at).CanonicalRequest).ToArray();
        for (var i = 0; i < cases.Count; i++) Assert.Equal(theirs[i], ours[i]);
    }
}
