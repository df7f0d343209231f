using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Ops.Display;

namespace Ops.Aws;

/// <summary>The pieces of one SigV4 signature: what was signed and the header to send.</summary>
public sealed record SigV4Signature(string CanonicalRequest, string SignedHeaders, string AmzDate, string Authorization, IReadOnlyDictionary<string, string> HeadersToAdd) : IMimeRenderable
{
    /// <summary>The string to sign (algorithm, date, scope, hash of the canonical request).</summary>
    public string StringToSign { get; init; } = "";

    /// <summary>The signature, lower-case hex.</summary>
    public string Signature { get; init; } = "";

    /// <summary>One row per header to send, then the canonical request line by line (never the secret).</summary>
    public Table ToTable()
    {
        var t = new Table("part", "value");
        t.AddRow("Authorization", Authorization);
        foreach (var (name, value) in HeadersToAdd.OrderBy(h => h.Key, StringComparer.Ordinal))
            t.AddRow(name, name == TokenHeader ? Shortened(value) : value);
        var lines = CanonicalRequest.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            t.AddRow(i == 0 ? "canonical request" : "", lines[i].StartsWith(TokenHeader + ":", StringComparison.Ordinal) ? TokenHeader + ":" + Shortened(lines[i][(TokenHeader.Length + 1)..]) : lines[i]);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();

    private const string TokenHeader = "x-amz-security-token";

    // The session token is a credential: show only enough to tell tokens apart.
    private static string Shortened(string token) => token[..Math.Min(8, token.Length)] + "...";
}

/// <summary>
/// Signs HTTP requests with AWS Signature Version 4: the canonical request from the request as sent
/// (<see cref="SigV4Canonical"/>), the string to sign, the signing key and the signature (HMAC-SHA256).
/// Every signed request in the library goes through it (Elasticsearch/OpenSearch domains, RDS
/// FailoverDBCluster). Service <c>es</c> by default; for <c>s3</c> the path is neither normalized nor
/// encoded twice.
/// </summary>
public sealed class SigV4Signer
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    // Headers a client or proxy may add or rewrite after an HttpRequestMessage is signed; signing them breaks the signature.
    private static readonly HashSet<string> AddedInTransit = new(StringComparer.OrdinalIgnoreCase)
        { "user-agent", "expect", "connection", "content-length", "transfer-encoding", "x-amzn-trace-id" };

    private readonly AWSCredentials _credentials;

    public SigV4Signer(AWSCredentials credentials, string region, string service = "es")
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (string.IsNullOrWhiteSpace(region)) throw new ArgumentException("region is empty; give the endpoint's region, e.g. ap-northeast-1", nameof(region));
        if (string.IsNullOrWhiteSpace(service)) throw new ArgumentException("service is empty; Amazon Elasticsearch/OpenSearch uses 'es'", nameof(service));
        Region = region;
        Service = service;
        NormalizePath = EncodePathAsSent = service != "s3";
    }

    public SigV4Signer(ImmutableCredentials credentials, string region, string service)
        : this(credentials.AccessKey, credentials.SecretKey, region, service, credentials.UseToken ? credentials.Token : null) { }

    public SigV4Signer(string accessKey, string secretKey, string region, string service = "es", string? sessionToken = null)
        : this(sessionToken == null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, sessionToken), region, service) { }

    /// <summary>A signer with credentials from the SDK's default chain (environment, profile, container, instance role).</summary>
    public static SigV4Signer FromDefaultChain(string region, string service = "es") =>
        new(AwsCredentialChain.Resolve(), region, service);

    public string Region { get; }
    public string Service { get; }

    /// <summary>Whether to add and sign <c>x-amz-content-sha256</c> (S3 requires it; es accepts it).</summary>
    public bool AddContentSha256Header { get; init; }

    /// <summary>Remove dot segments and empty segments from the path before signing (true except for s3).</summary>
    public bool NormalizePath { get; init; }

    /// <summary>Encode the path as sent once more (true except for s3, which decodes it and encodes it once).</summary>
    public bool EncodePathAsSent { get; init; }

    /// <summary>Whether <c>x-amz-security-token</c> is signed (true) or only sent (services that want it added after signing).</summary>
    public bool SignSessionToken { get; init; } = true;

    /// <summary>
    /// Signs a request given as it goes on the wire: <paramref name="authority"/> (host[:port]) and the
    /// request-target (path and query exactly as sent, already percent-encoded where the client encodes).
    /// Every header given is signed (repeated names joined with commas); host and x-amz-date are added
    /// when absent, and the session token.
    /// </summary>
    public SigV4Signature Sign(string method, string authority, string requestTarget, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, DateTime signedAtUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(authority);
        if (string.IsNullOrEmpty(requestTarget) || requestTarget[0] != '/')
            throw new ArgumentException($"request target '{requestTarget}' must start with '/'", nameof(requestTarget));
        var creds = _credentials.GetCredentials();
        signedAtUtc = signedAtUtc.Kind == DateTimeKind.Utc ? signedAtUtc : signedAtUtc.ToUniversalTime();
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));

        var toSign = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var added = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase)) continue;
            var key = name.ToLowerInvariant();
            var canonical = SigV4Canonical.HeaderValue(value);
            toSign[key] = toSign.TryGetValue(key, out var earlier) ? earlier + "," + canonical : canonical;
        }
        void Add(string name, string value, bool signed = true)
        {
            if (toSign.ContainsKey(name)) return;
            if (signed) toSign[name] = value;
            added[name] = value;
        }
        Add("host", authority);
        Add("x-amz-date", amzDate);
        if (creds.UseToken) Add("x-amz-security-token", creds.Token, SignSessionToken);
        if (AddContentSha256Header) Add("x-amz-content-sha256", bodyHash);

        var q = requestTarget.IndexOf('?');
        var signedHeaders = string.Join(";", toSign.Keys);
        var canonicalRequest = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(SigV4Canonical.Path(q < 0 ? requestTarget : requestTarget[..q], NormalizePath, EncodePathAsSent)).Append('\n')
            .Append(q < 0 ? "" : SigV4Canonical.Query(requestTarget[(q + 1)..])).Append('\n')
            .Append(string.Concat(toSign.Select(h => h.Key + ":" + h.Value + "\n"))).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(bodyHash)
            .ToString();
        var scope = $"{day}/{Region}/{Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var signingKey = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + creds.SecretKey), day), Region), Service), "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(signingKey, stringToSign));
        var authorization = $"{Algorithm} Credential={creds.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, signedHeaders, amzDate, authorization, added) { StringToSign = stringToSign, Signature = signature };
    }

    /// <summary>Signs a request to <paramref name="uri"/> as HttpClient sends it (its escaped path and query).</summary>
    public SigV4Signature Sign(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, DateTime signedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URL", nameof(uri));
        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
        return Sign(method, authority, uri.PathAndQuery, headers, body, signedAtUtc);
    }

    /// <summary>Signs a request given its URL as text (no body, no extra headers unless given).</summary>
    public SigV4Signature Sign(string method, string url, DateTime signedAtUtc, IEnumerable<KeyValuePair<string, string>>? headers = null, byte[]? body = null) =>
        Sign(method, Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"url '{url}' is not an absolute URL", nameof(url)),
            headers ?? [], body ?? [], signedAtUtc);

    /// <summary>
    /// Signs an <see cref="HttpRequestMessage"/> in place: adds date and token headers and Authorization.
    /// Headers the transport may add or change on the way (User-Agent, Content-Length, Expect, ...) are not signed.
    /// </summary>
    public async Task SignAsync(HttpRequestMessage request, DateTime? signedAtUtc = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var body = request.Content == null ? [] : await request.Content.ReadAsByteArrayAsync(Cancellation.Or(cancellationToken)).ConfigureAwait(false);
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .Concat(request.Content?.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))) ?? [])
            .Where(h => !AddedInTransit.Contains(h.Key));
        var sig = Sign(request.Method.Method, request.RequestUri, headers, body, signedAtUtc ?? DateTime.UtcNow);
        foreach (var (name, value) in sig.HeadersToAdd)
            if (name != "host") request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.TryAddWithoutValidation("Authorization", sig.Authorization);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
