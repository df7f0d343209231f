using Ops.Aws;
using Ops.Aws.Elasticsearch;
using Ops.Testing;

namespace Ops.Tests.Aws;

/// <summary>
/// <see cref="SigV4VerifyingServer"/> on 127.0.0.1 plays the Amazon ES domain: it recomputes each SigV4
/// signature from the request as received on the socket and answers 403 when it does not match.
/// </summary>
public sealed class SearchDomainTests : IDisposable
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime At = new(2021, 9, 13, 8, 3, 32, DateTimeKind.Utc);

    private readonly SigV4VerifyingServer _server = new(new() { [AccessKey] = SecretKey }, Answer);
    private string Endpoint => _server.Endpoint;
    private List<string> Seen => _server.Seen.Select(r => $"{r.Method} {r.Target} {r.Why}").ToList();

    private static (int, string) Answer(string method, string path) => path switch
    {
        "/_cat/health" => (200, "[{\"epoch\":\"1631520212\",\"timestamp\":\"08:03:32\",\"cluster\":\"dev-search\",\"status\":\"green\",\"node.total\":\"1\",\"node.data\":\"1\",\"shards\":\"2\",\"pri\":\"2\",\"relo\":\"0\",\"init\":\"0\",\"unassign\":\"0\",\"pending_tasks\":\"0\",\"max_task_wait_time\":\"-\",\"active_shards_percent\":\"100.0%\"}]"),
        "/_cluster/health" => (200, "{\"cluster_name\":\"dev-search\",\"status\":\"yellow\",\"timed_out\":false,\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":5,\"active_shards\":5,\"relocating_shards\":0,\"initializing_shards\":0,\"unassigned_shards\":5,\"delayed_unassigned_shards\":0,\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":50.0}"),
        "/_cat/indices" => (200, "[{\"health\":\"yellow\",\"status\":\"open\",\"index\":\"news-2021.09\",\"uuid\":\"u1\",\"pri\":\"5\",\"rep\":\"1\",\"docs.count\":\"120034\",\"docs.deleted\":\"12\",\"store.size\":\"73400320\",\"pri.store.size\":\"73400320\"},{\"health\":\"green\",\"status\":\"open\",\"index\":\".kibana_1\",\"uuid\":\"u2\",\"pri\":\"1\",\"rep\":\"0\",\"docs.count\":\"4\",\"docs.deleted\":\"0\",\"store.size\":\"20480\",\"pri.store.size\":\"20480\"}]"),
        "/articles/_search" => (200, "{\"hits\":{\"total\":1}}"),
        _ => (200, "{}"),
    };

    private SearchDomain Domain(string secret = SecretKey) =>
        new(Endpoint, new SigV4Signer(AccessKey, secret, "ap-northeast-1"), clock: () => At);

    [Fact]
    public async Task Cat_health_is_signed_and_parsed_into_the_seed_row()
    {
        using var es = Domain();
        var health = await es.CatHealthAsync();
        Assert.Equal("green", health.Status);
        var row = Assert.Single(health.Rows);
        Assert.Equal((1631520212L, "dev-search", 1L, 2L, 100.0), (row.Epoch, row.Cluster, row.NodeTotal, row.Shards, row.ActiveShardsPercent));
        Assert.Contains("| dev-search |", health.ToMimeBundle().PlainText);
        Assert.Contains("GET /_cat/health?format=json signed", Seen);
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
        Assert.Contains($"GET {Endpoint}/_cluster/health: 403", e.Message);
        Assert.Contains("access policy", e.Message);
    }

    [Fact]
    public async Task Unsigned_requests_are_refused_and_the_error_says_to_sign()
    {
        using var es = new SearchDomain(Endpoint, signer: null);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => es.CatHealthAsync());
        Assert.Contains("SigV4", e.Message);
        Assert.Contains("GET /_cat/health?format=json unsigned", Seen);
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

    public static TheoryData<string, string, string> EsPaths => new()
    {
        // path and query as a cell gives it, the request-target HttpClient sends, the canonical URI AWS computes from it
        { "/_cat/indices/logs-*?format=json", "/_cat/indices/logs-*?format=json", "/_cat/indices/logs-%2A" },
        { "/index1,index2/_search", "/index1,index2/_search", "/index1%2Cindex2/_search" },
        { "/news/_doc/$delete", "/news/_doc/$delete", "/news/_doc/%24delete" },
        { "/news/_doc/caf%C3%A9", "/news/_doc/caf%C3%A9", "/news/_doc/caf%25C3%25A9" },
        { "/news/_doc/caf\u00e9", "/news/_doc/caf%C3%A9", "/news/_doc/caf%25C3%25A9" },
        { "/news/_doc/x%20y", "/news/_doc/x%20y", "/news/_doc/x%2520y" },
        { "/news/_doc/x y", "/news/_doc/x%20y", "/news/_doc/x%2520y" },
        { "/logs-(2019)/_doc/a;b=c+d&e!'", "/logs-(2019)/_doc/a;b=c+d&e!'", "/logs-%282019%29/_doc/a%3Bb%3Dc%2Bd%26e%21%27" },
        { "/news/_search?q=title:caf%C3%A9&size=1", "/news/_search?q=title:caf%C3%A9&size=1", "/news/_search" },
    };

    [Theory]
    [MemberData(nameof(EsPaths))]
    public async Task Index_patterns_lists_and_encoded_ids_pass_a_verifier_that_reads_the_wire(string pathAndQuery, string sent, string canonicalPath)
    {
        using var es = Domain();
        var method = pathAndQuery.Contains("_search") ? HttpMethod.Post : HttpMethod.Get;
        using var _ = await es.SendJsonAsync(method, pathAndQuery, method == HttpMethod.Post ? "{\"size\":1}" : null);
        var seen = Assert.Single(_server.Seen);
        Assert.Equal((sent, canonicalPath, true), (seen.Target, seen.CanonicalPath, seen.Valid));
        Assert.Equal(canonicalPath, es.Signer!.Sign(method.Method, new Uri(Endpoint + pathAndQuery), [], [], At).CanonicalRequest.Split('\n')[1]);
    }

    [Fact]
    public async Task A_path_signed_once_encoded_is_refused_as_aws_refuses_it()
    {
        using var es = new SearchDomain(Endpoint, new SigV4Signer(AccessKey, SecretKey, "ap-northeast-1") { EncodePathAsSent = false }, clock: () => At);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => es.GetJsonAsync("/news/_doc/caf%C3%A9"));
        Assert.Contains("403", e.Message);
        Assert.Equal("signature mismatch", Assert.Single(_server.Seen).Why);
    }

    [Theory]
    [InlineData("/news/_doc/x%20y", "{}", 200)]
    [InlineData("/news/_doc/x%20z", "{}", 403)]
    [InlineData("/news/_doc/x%20y", "{ }", 403)]
    public async Task A_request_changed_after_signing_is_refused(string sentTarget, string sentBody, int status)
    {
        var signer = new SigV4Signer(AccessKey, SecretKey, "ap-northeast-1");
        var authority = $"127.0.0.1:{_server.Port}";
        var sig = signer.Sign("PUT", authority, "/news/_doc/x%20y", [new("content-type", "application/json")], "{}"u8, At);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, _server.Port);
        var request = $"PUT {sentTarget} HTTP/1.1\r\nHost: {authority}\r\ncontent-type: application/json\r\nx-amz-date: {sig.AmzDate}\r\n" +
                      $"Authorization: {sig.Authorization}\r\nContent-Length: {sentBody.Length}\r\n\r\n{sentBody}";
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith($"HTTP/1.1 {status} ", statusLine);
    }

    public void Dispose() => _server.Dispose();
}
