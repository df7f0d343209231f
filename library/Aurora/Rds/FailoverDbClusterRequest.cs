using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Ops.Aws;

namespace Ops.Aurora.Rds;

/// <summary>
/// RDS <c>FailoverDBCluster</c> (Query API, Version 2014-10-31) as a POST signed by <see cref="SigV4Signer"/>. Built and
/// signed separately from sending so the canonical request can be checked and logged (without secrets).
/// </summary>
public sealed record FailoverDbClusterRequest
{
    public const string ApiVersion = "2014-10-31";
    public const string Service = "rds";
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public required string ClusterIdentifier { get; init; }
    public string? TargetInstanceIdentifier { get; init; }
    public required string Region { get; init; }
    /// <summary>Overrides https://rds.{region}.amazonaws.com/ (VPC endpoints, FIPS, a test server).</summary>
    public Uri? Endpoint { get; init; }

    public Uri Uri => Endpoint ?? new Uri($"https://rds.{Region}.amazonaws.com/");

    /// <summary>The form body, parameters in canonical (ordinal) order, RFC 3986 encoded.</summary>
    public string Body
    {
        get
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["Action"] = "FailoverDBCluster",
                ["Version"] = ApiVersion,
                ["DBClusterIdentifier"] = ClusterIdentifier,
            };
            if (!string.IsNullOrEmpty(TargetInstanceIdentifier)) parameters["TargetDBInstanceIdentifier"] = TargetInstanceIdentifier;
            return string.Join("&", parameters.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
        }
    }

    /// <summary>Signs the request at <paramref name="signedAt"/> (UTC) with the given credentials.</summary>
    public SignedRequest Sign(ImmutableCredentials credentials, DateTime signedAt)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var body = Body;
        var signature = new SigV4Signer(credentials, Region, Service)
            .Sign("POST", Uri, [new("content-type", ContentType)], Encoding.UTF8.GetBytes(body), signedAt.ToUniversalTime());
        var sendHeaders = signature.HeadersToAdd.Where(h => h.Key != "host").ToDictionary(h => h.Key, h => h.Value);
        sendHeaders["Authorization"] = signature.Authorization;
        return new SignedRequest(Uri, body, signature.CanonicalRequest, sendHeaders, signature.Signature);
    }

    /// <summary>RFC 3986 unreserved characters stay, everything else is %XX (what SigV4 expects).</summary>
    internal static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}

/// <summary>A signed request ready to send; <see cref="Headers"/> hold the Authorization header, so never log them.</summary>
public sealed record SignedRequest(Uri Uri, string Body, string CanonicalRequest, IReadOnlyDictionary<string, string> Headers, string Signature)
{
    public override string ToString() => $"POST {Uri} {Body} (signed)";
}
