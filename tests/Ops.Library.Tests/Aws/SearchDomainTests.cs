using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ops.Aws;
using Ops.Aws.Elasticsearch;
using Ops.Testing;

namespace Ops.Tests.Aws;

/// <summary>
/// A local HttpListener on 127.0.0.1 plays the Amazon ES domain: it recomputes each SigV4 signature with
/// an independent implementation (plain HMAC-SHA256, not the SDK) and answers 403 when it does not match.
/// </summary>
public sealed class SearchDomainTests : IDisposable
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime At = new(2021, 9, 13, 8, 3, 32, DateTimeKind.Utc);

    private readonly HttpListener _listener = new();
    private readonly string _endpoint;
    private readonly Task _serve;
    private readonly List<string> _seen = new();

    public SearchDomainTests()
    {
        var port = FreePort.Tcp();
        _endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(_endpoint + "/");
        _listener.Start();
        _serve = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            var (ok, why) = Verify(ctx.Request, body.ToArray());
            lock (_seen) _seen.Add($"{ctx.Request.HttpMethod} {ctx.Request.Url!.PathAndQuery} {(ok ? "signed" : why)}");
            var (status, json) = !ok
                ? (403, "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}")
                : ctx.Request.Url!.AbsolutePath switch
                {
                    "/_cat/health" => (200, "[{\"epoch\":\"1631520212\",\"timestamp\":\"08:03:32\",\"cluster\":\"dev-search\",\"status\":\"green\",\"node.total\":\"1\",\"node.data\":\"1\",\"shards\":\"2\",\"pri\":\"2\",\"relo\":\"0\",\"init\":\"0\",\"unassign\":\"0\",\"pending_tasks\":\"0\",\"max_task_wait_time\":\"-\",\"active_shards_percent\":\"100.0%\"}]"),
                    "/_cluster/health" => (200, "{\"cluster_name\":\"dev-search\",\"status\":\"yellow\",\"timed_out\":false,\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":5,\"active_shards\":5,\"relocating_shards\":0,\"initializing_shards\":0,\"unassigned_shards\":5,\"delayed_unassigned_shards\":0,\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":50.0}"),
                    "/_cat/indices" => (200, "[{\"health\":\"yellow\",\"status\":\"open\",\"index\":\"news-2021.09\",\"uuid\":\"u1\",\"pri\":\"5\",\"rep\":\"1\",\"docs.count\":\"120034\",\"docs.deleted\":\"12\",\"store.size\":\"73400320\",\"pri.store.size\":\"73400320\"},{\"health\":\"green\",\"status\":\"open\",\"index\":\".kibana_1\",\"uuid\":\"u2\",\"pri\":\"1\",\"rep\":\"0\",\"docs.count\":\"4\",\"docs.deleted\":\"0\",\"store.size\":\"20480\",\"pri.store.size\":\"20480\"}]"),
                    "/articles/_search" => (200, "{\"hits\":{\"total\":1}}"),
                    _ => (404, "{\"error\":\"no handler\"}"),
                };
            var bytes = Encoding.UTF8.GetBytes(json);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    /// <summary>Independent SigV4 check of the request as received.</summary>
    private static (bool Ok, string Why) Verify(HttpListenerRequest r, byte[] body)
    {
        var auth = r.Headers["Authorization"];
        if (auth == null) return (false, "unsigned");
        var amzDate = r.Headers["x-amz-date"] ?? "";
        var parts = auth["AWS4-HMAC-SHA256 ".Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var scope = parts["Credential"].Split('/');
        var signed = parts["SignedHeaders"].Split(';');
        var canonicalHeaders = string.Concat(signed.Select(h => $"{h}:{string.Join(",", r.Headers.GetValues(h)!.Select(v => v.Trim()))}\n"));
        var query = string.Join("&", (r.Url!.Query.Length > 1 ? r.Url.Query[1..].Split('&') : [])
            .Select(kv => kv.Split('=', 2)).Select(kv => (K: Uri.EscapeDataString(Uri.UnescapeDataString(kv[0])), V: Uri.EscapeDataString(Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""))))
            .OrderBy(kv => kv.K, StringComparer.Ordinal).ThenBy(kv => kv.V, StringComparer.Ordinal).Select(kv => $"{kv.K}={kv.V}"));
        var canonical = $"{r.HttpMethod}\n{r.Url.AbsolutePath}\n{query}\n{canonicalHeaders}\n{parts["SignedHeaders"]}\n{Hex(SHA256.HashData(body))}";
        var sts = $"AWS4-HMAC-SHA256\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var s in scope[1..]) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(s));
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(sts)));
        if (scope[0] != AccessKey) return (false, "wrong key id");
        if (!signed.Contains("host") || !signed.Contains("x-amz-date")) return (false, "host or x-amz-date not signed");
        return expected == parts["Signature"] ? (true, "") : (false, "signature mismatch");
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    private SearchDomain Domain(string secret = SecretKey) =>
        new(_endpoint, new SigV4Signer(AccessKey, secret, "ap-northeast-1"), clock: () => At);

    [Fact]
    public async Task Cat_health_is_signed_and_parsed_into_the_seed_row()
    {
        using var es = Domain();
        var health = await es.CatHealthAsync();
        Assert.Equal("green", health.Status);
        var row = Assert.Single(health.Rows);
        Assert.Equal((1631520212L, "dev-search", 1L, 2L, 100.0), (row.Epoch, row.Cluster, row.NodeTotal, row.Shards, row.ActiveShardsPercent));
        Assert.Contains("| dev-search |", health.ToMimeBundle().PlainText);
        Assert.Contains("GET /_cat/health?format=json signed", _seen);
    }

    [Fact]
    public async Task Cluster_health_and_indices_are_tables()
    {
        using var es = Domain();
        var cluster = await es.ClusterHealthAsync();
        Assert.Equal(("yellow", 5L, 50.0), (cluster.Status, cluster.UnassignedShards, cluster.ActiveShardsPercent));
        var indices = await es.IndicesAsync();
        Assert.Equal([".kibana_1", "news-2021.09"], indices.Select(i => i.Name));
        Assert.Equal(120034, indices[1].Documents);
        Assert.Contains("70.0 MiB", indices.ToTable().ToPlainText());
    }

    [Fact]
    public async Task A_post_body_is_part_of_the_signature()
    {
        using var es = Domain();
        using var doc = await es.SendJsonAsync(HttpMethod.Post, "/articles/_search", "{\"query\":{\"match\":{\"title\":\"kibana\"}}}");
        Assert.Equal(1, doc.RootElement.GetProperty("hits").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_wrong_secret_gets_403_with_a_hint_about_the_access_policy()
    {
        using var es = Domain("not-the-secret");
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => es.ClusterHealthAsync());
        Assert.Contains($"GET {_endpoint}/_cluster/health: 403", e.Message);
        Assert.Contains("access policy", e.Message);
    }

    [Fact]
    public async Task Unsigned_requests_are_refused_and_the_error_says_to_sign()
    {
        using var es = new SearchDomain(_endpoint, signer: null);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => es.CatHealthAsync());
        Assert.Contains("SigV4", e.Message);
        Assert.Contains("GET /_cat/health?format=json unsigned", _seen);
    }

    [Fact]
    public void Region_is_read_from_the_endpoint_name()
    {
        Assert.Equal("ap-northeast-1", SearchDomain.RegionOf("https://search-news-abc123xyz.ap-northeast-1.es.amazonaws.com"));
        var e = Assert.Throws<ArgumentException>(() => SearchDomain.RegionOf("http://127.0.0.1:9200"));
        Assert.Contains("region", e.Message);
    }

    [Fact]
    public void A_bad_endpoint_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new SearchDomain("search-x.es.amazonaws.com", null));
        Assert.Contains("'search-x.es.amazonaws.com'", e.Message);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serve.Wait(TimeSpan.FromSeconds(5));
    }
}
