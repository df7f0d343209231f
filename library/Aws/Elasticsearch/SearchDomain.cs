using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace Ops.Aws.Elasticsearch;

/// <summary>
/// An Amazon Elasticsearch / OpenSearch Service domain (or any Elasticsearch) reached over HTTP, with
/// SigV4-signed requests when credentials are given (a domain with an IAM access policy
/// rejects unsigned requests). JSON answers are parsed with System.Text.Json.
/// </summary>
public sealed partial class SearchDomain : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="endpoint">https://search-name-xxxx.ap-northeast-1.es.amazonaws.com (or http://127.0.0.1:9200)</param>
    /// <param name="signer">null sends unsigned requests (an IP-based policy or a plain cluster)</param>
    /// <param name="innerHandler">transport; the default is a SocketsHttpHandler</param>
    /// <param name="clock">signing time source, for tests</param>
    public SearchDomain(string endpoint, SigV4Signer? signer, HttpMessageHandler? innerHandler = null, Func<DateTime>? clock = null)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"endpoint '{endpoint}' must be an http(s) URL such as https://search-logs-abc123.ap-northeast-1.es.amazonaws.com", nameof(endpoint));
        Endpoint = uri;
        Signer = signer;
        var inner = innerHandler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        _http = new HttpClient(signer == null ? inner : new SigV4Handler(signer, inner, clock)) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>A domain signed with credentials from the default chain; region from the endpoint unless given.</summary>
    public static SearchDomain Connect(string endpoint, string? region = null, string service = "es") =>
        new(endpoint, SigV4Signer.FromDefaultChain(region ?? RegionOf(endpoint), service));

    /// <summary>A domain signed with the given credentials.</summary>
    public static SearchDomain Connect(string endpoint, AWSCredentials credentials, string? region = null, string service = "es") =>
        new(endpoint, new SigV4Signer(credentials, region ?? RegionOf(endpoint), service));

    public Uri Endpoint { get; }
    public SigV4Signer? Signer { get; }

    [GeneratedRegex(@"\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:es|aoss)\.amazonaws\.com", RegexOptions.IgnoreCase)]
    private static partial Regex RegionInHost();

    /// <summary>The region in an AWS endpoint name (search-x.ap-northeast-1.es.amazonaws.com → ap-northeast-1).</summary>
    public static string RegionOf(string endpoint)
    {
        var m = RegionInHost().Match(endpoint);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant()
            : throw new ArgumentException($"cannot tell the region from '{endpoint}'; pass region: explicitly", nameof(endpoint));
    }

    /// <summary>GETs a path and parses the JSON answer; errors carry the status and the start of the body.</summary>
    public Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken);

    /// <summary>Sends a request with an optional JSON body and parses the JSON answer.</summary>
    public async Task<JsonDocument> SendJsonAsync(HttpMethod method, string pathAndQuery, string? jsonBody = null, CancellationToken cancellationToken = default)
    {
        var token = Cancellation.Or(cancellationToken);
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (jsonBody != null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonBody));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var where = $"{method} {Endpoint.GetLeftPart(UriPartial.Authority)}{pathAndQuery}";
        HttpResponseMessage response;
        try { response = await _http.SendAsync(request, token).ConfigureAwait(false); }
        catch (HttpRequestException e) { throw new HttpRequestException($"{where}: {e.Message}", e); }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var hint = (int)response.StatusCode == 403
                    ? Signer == null
                        ? "; the domain may require SigV4-signed requests: connect with credentials"
                        : $"; check the domain access policy allows this IAM principal and that region '{Signer.Region}' / service '{Signer.Service}' match the endpoint"
                    : "";
                throw new HttpRequestException($"{where}: {(int)response.StatusCode} {response.ReasonPhrase}: {Snippet(body)}{hint}", null, response.StatusCode);
            }
            try { return JsonDocument.Parse(body); }
            catch (JsonException e) { throw new FormatException($"{where}: answer is not JSON ({e.Message}): {Snippet(body)}", e); }
        }
    }

    private static string Snippet(string body) => body.Length <= 300 ? body : body[..300] + "...";

    /// <summary><c>GET /_cat/health?format=json</c>: one row per cluster.</summary>
    public async Task<global::Ops.Aws.Elasticsearch.CatHealth> CatHealthAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await GetJsonAsync("/_cat/health?format=json", cancellationToken).ConfigureAwait(false);
        return global::Ops.Aws.Elasticsearch.CatHealth.FromJson(doc.RootElement, Endpoint.Host);
    }

    /// <summary><c>GET /_cluster/health</c>.</summary>
    public async Task<global::Ops.Aws.Elasticsearch.ClusterHealth> ClusterHealthAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await GetJsonAsync("/_cluster/health", cancellationToken).ConfigureAwait(false);
        return global::Ops.Aws.Elasticsearch.ClusterHealth.FromJson(doc.RootElement, Endpoint.Host);
    }

    /// <summary><c>GET /_cat/indices?format=json&amp;bytes=b</c>, sorted by index name.</summary>
    public async Task<IndexList> IndicesAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await GetJsonAsync("/_cat/indices?format=json&bytes=b", cancellationToken).ConfigureAwait(false);
        return IndexList.FromJson(doc.RootElement, Endpoint.Host);
    }

    public global::Ops.Aws.Elasticsearch.CatHealth CatHealth() => CatHealthAsync().GetAwaiter().GetResult();
    public global::Ops.Aws.Elasticsearch.ClusterHealth ClusterHealth() => ClusterHealthAsync().GetAwaiter().GetResult();
    public IndexList Indices() => IndicesAsync().GetAwaiter().GetResult();

    public void Dispose() => _http.Dispose();
}
