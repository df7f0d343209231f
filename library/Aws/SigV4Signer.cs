using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Ops.Display;

namespace Ops.Aws;

/// <summary>The pieces of one SigV4 signature: what was signed and the header to send.</summary>
public sealed record SigV4Signature(string CanonicalRequest, string SignedHeaders, string AmzDate, string Authorization, IReadOnlyDictionary<string, string> HeadersToAdd) : IMimeRenderable
{
    /// <summary>One row per header to send, then the canonical request line by line (never the secret).</summary>
    public Table ToTable()
    {
        var t = new Table("part", "value");
        t.AddRow("Authorization", Authorization);
        foreach (var (name, value) in HeadersToAdd.OrderBy(h => h.Key, StringComparer.Ordinal))
            t.AddRow(name, name == "x-amz-security-token" ? value[..Math.Min(8, value.Length)] + "..." : value);
        var lines = CanonicalRequest.Split('\n');
        for (var i = 0; i < lines.Length; i++) t.AddRow(i == 0 ? "canonical request" : "", lines[i]);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}

/// <summary>
/// Signs HTTP requests with AWS Signature Version 4 using AWSSDK.Core's <see cref="AWS4Signer"/> for the
/// canonical request, the signing key and the signature (seed 004: Amazon ES with IAM only accepts
/// signed requests). Service <c>es</c> by default; any service name works.
/// </summary>
public sealed class SigV4Signer
{
    // Headers a client or proxy may add or rewrite after signing; signing them breaks the signature.
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
        { "authorization", "user-agent", "expect", "connection", "content-length", "transfer-encoding", "x-amzn-trace-id" };

    private readonly AWSCredentials _credentials;

    public SigV4Signer(AWSCredentials credentials, string region, string service = "es")
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (string.IsNullOrWhiteSpace(region)) throw new ArgumentException("region is empty; give the endpoint's region, e.g. ap-northeast-1", nameof(region));
        if (string.IsNullOrWhiteSpace(service)) throw new ArgumentException("service is empty; Amazon Elasticsearch/OpenSearch uses 'es'", nameof(service));
        Region = region;
        Service = service;
    }

    public SigV4Signer(string accessKey, string secretKey, string region, string service = "es", string? sessionToken = null)
        : this(sessionToken == null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, sessionToken), region, service) { }

    /// <summary>A signer with credentials from the SDK's default chain (environment, profile, container, instance role).</summary>
    public static SigV4Signer FromDefaultChain(string region, string service = "es") =>
        new(AwsCredentialChain.Resolve(), region, service);

    public string Region { get; }
    public string Service { get; }

    /// <summary>Whether to add and sign <c>x-amz-content-sha256</c> (S3 requires it; es accepts it).</summary>
    public bool AddContentSha256Header { get; init; }

    /// <summary>
    /// Signs a request described by its parts. <paramref name="headers"/> are the headers that will be sent
    /// (repeated names are joined with commas); host and x-amz-date are added when absent.
    /// </summary>
    public SigV4Signature Sign(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, DateTime signedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URL", nameof(uri));
        var creds = _credentials.GetCredentials();
        signedAtUtc = signedAtUtc.Kind == DateTimeKind.Utc ? signedAtUtc : signedAtUtc.ToUniversalTime();
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));

        var toSign = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var added = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (Unsigned.Contains(name)) continue;
            var key = name.ToLowerInvariant();
            toSign[key] = toSign.TryGetValue(key, out var earlier) ? earlier + "," + value : value;
        }
        void Add(string name, string value)
        {
            if (toSign.ContainsKey(name)) return;
            toSign[name] = value;
            added[name] = value;
        }
        Add("host", uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}");
        Add("x-amz-date", amzDate);
        if (creds.UseToken) Add("x-amz-security-token", creds.Token);
        if (AddContentSha256Header) Add("x-amz-content-sha256", bodyHash);

        var canonical = SdkCanonicalizer.Request(uri, method.ToUpperInvariant(), toSign, bodyHash);
        var signedHeaders = SdkCanonicalizer.HeaderNames(toSign);
        var result = AWS4Signer.ComputeSignature(creds, Region, signedAtUtc, Service, signedHeaders, canonical);
        return new SigV4Signature(canonical, signedHeaders, amzDate, result.ForAuthorizationHeader, added);
    }

    /// <summary>Signs a request given its URL as text (no body, no extra headers unless given).</summary>
    public SigV4Signature Sign(string method, string url, DateTime signedAtUtc, IEnumerable<KeyValuePair<string, string>>? headers = null, byte[]? body = null) =>
        Sign(method, Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"url '{url}' is not an absolute URL", nameof(url)),
            headers ?? [], body ?? [], signedAtUtc);

    /// <summary>Signs an <see cref="HttpRequestMessage"/> in place: adds host-derived, date and token headers and Authorization.</summary>
    public async Task SignAsync(HttpRequestMessage request, DateTime? signedAtUtc = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var body = request.Content == null ? [] : await request.Content.ReadAsByteArrayAsync(Cancellation.Or(cancellationToken)).ConfigureAwait(false);
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .Concat(request.Content?.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))) ?? []);
        var sig = Sign(request.Method.Method, request.RequestUri, headers, body, signedAtUtc ?? DateTime.UtcNow);
        foreach (var (name, value) in sig.HeadersToAdd)
            if (name != "host") request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.TryAddWithoutValidation("Authorization", sig.Authorization);
    }

    /// <summary>Exposes the SDK's protected canonicalisation helpers.</summary>
    private sealed class SdkCanonicalizer : AWS4Signer
    {
        public static string Request(Uri uri, string method, IDictionary<string, string> sortedHeaders, string bodyHash)
        {
            var endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority));
            // The SDK encodes the path itself, so give it the decoded path.
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            // Likewise the query: decoded pairs, which the SDK sorts and encodes (Uri keeps %E1%88%B4 escaped).
            var pairs = uri.Query.Length > 1
                ? uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
                {
                    var eq = p.IndexOf('=');
                    return eq < 0
                        ? new KeyValuePair<string, string>(Uri.UnescapeDataString(p), "")
                        : new KeyValuePair<string, string>(Uri.UnescapeDataString(p[..eq]), Uri.UnescapeDataString(p[(eq + 1)..]));
                }).ToList()
                : [];
            var query = pairs.Count > 0 ? CanonicalizeQueryParameters(pairs) : "";
            return CanonicalizeRequest(endpoint, path, method, sortedHeaders, query, bodyHash, null, false);
        }

        public static string HeaderNames(IDictionary<string, string> sortedHeaders) => CanonicalizeHeaderNames(sortedHeaders);
    }
}
