using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Ops.Aurora.Rds;

/// <summary>Triggers a manual Aurora failover (as in the Aurora failover measurements), timestamped for lining up with a probe run.</summary>
public static class RdsFailover
{
    /// <summary>
    /// Calls FailoverDBCluster. Credentials default to the AWS SDK's standard chain (environment,
    /// profile, SSO, container/instance metadata); region to AWS_REGION / AWS_DEFAULT_REGION.
    /// </summary>
    public static async Task<FailoverDbClusterResult> TriggerAsync(string clusterIdentifier, string? targetInstanceIdentifier = null,
        string? region = null, Uri? endpoint = null, AWSCredentials? credentials = null, HttpClient? http = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        region ??= Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")
            ?? throw new InvalidOperationException("FailoverDBCluster: no region; pass region: or set AWS_REGION");
        credentials ??= DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        var request = new FailoverDbClusterRequest
        {
            ClusterIdentifier = clusterIdentifier,
            TargetInstanceIdentifier = targetInstanceIdentifier,
            Region = region,
            Endpoint = endpoint,
        };
        var requestedAt = DateTimeOffset.UtcNow;
        var signed = request.Sign(immutable, requestedAt.UtcDateTime);
        var owned = http is null;
        http ??= new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, signed.Uri)
            {
                Content = new StringContent(signed.Body, Encoding.UTF8),
            };
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(FailoverDbClusterRequest.ContentType);
            foreach (var (name, value) in signed.Headers) message.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Parse(text, (int)response.StatusCode, clusterIdentifier, signed.Uri, requestedAt);
        }
        finally
        {
            if (owned) http.Dispose();
        }
    }

    /// <summary>Reads the Query API's XML answer; an ErrorResponse becomes an exception naming code and message.</summary>
    public static FailoverDbClusterResult Parse(string xml, int statusCode, string clusterIdentifier, Uri endpoint, DateTimeOffset requestedAt)
    {
        XDocument doc;
        try { doc = XDocument.Parse(xml); }
        catch (System.Xml.XmlException)
        {
            throw new InvalidOperationException($"FailoverDBCluster {clusterIdentifier} at {endpoint}: HTTP {statusCode} with a non-XML body; check the endpoint");
        }
        var error = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        if (error is not null || statusCode >= 400)
        {
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? "HTTP" + statusCode;
            var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
            throw new InvalidOperationException($"FailoverDBCluster {clusterIdentifier} at {endpoint}: {code}: {message}");
        }
        string? Value(string name) => doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return new FailoverDbClusterResult(Value("DBClusterIdentifier") ?? clusterIdentifier, Value("Status"), Value("RequestId"), requestedAt);
    }
}
