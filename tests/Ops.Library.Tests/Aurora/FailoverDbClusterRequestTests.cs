using Amazon.Runtime;
using Ops.Aurora.Rds;

namespace Ops.Tests.Aurora;

/// <summary>Expected canonical request and signature computed independently (Python hmac/hashlib, SigV4 spec).</summary>
public class FailoverDbClusterRequestTests
{
    private static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTime SignedAt = new(2026, 11, 2, 1, 2, 3, DateTimeKind.Utc);

    private static FailoverDbClusterRequest Request => new()
    {
        ClusterIdentifier = "aurora-test",
        TargetInstanceIdentifier = "aurora-test-instance-03",
        Region = "us-east-1",
    };

    [Fact]
    public void Body_has_action_version_and_identifiers_in_canonical_order() =>
        Assert.Equal("Action=FailoverDBCluster&DBClusterIdentifier=aurora-test&TargetDBInstanceIdentifier=aurora-test-instance-03&Version=2014-10-31", Request.Body);

    [Fact]
    public void Canonical_request_and_signature_match_reference()
    {
        var signed = Request.Sign(Credentials, SignedAt);
        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:rds.us-east-1.amazonaws.com\nx-amz-date:20261102T010203Z\n\n" +
            "content-type;host;x-amz-date\n1332a08a5d3fbb1c1b9bfe0f755eaa6287735cc2fc987d16ee539b9bf3e82469",
            signed.CanonicalRequest);
        Assert.Equal("2144281008f069c3307b3c92bba0ef2940817fb3565350b3c399b5beb3a5198f", signed.Signature);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261102/us-east-1/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=2144281008f069c3307b3c92bba0ef2940817fb3565350b3c399b5beb3a5198f",
            signed.Headers["Authorization"]);
        Assert.DoesNotContain("wJalr", signed.ToString());
    }

    [Fact]
    public void Session_token_is_signed_and_sent()
    {
        var signed = Request.Sign(new ImmutableCredentials("AKIDEXAMPLE", "secret", "token/with+chars"), SignedAt);
        Assert.Contains("x-amz-security-token:token/with+chars\n", signed.CanonicalRequest);
        Assert.Equal("token/with+chars", signed.Headers["x-amz-security-token"]);
    }

    [Fact]
    public void Endpoint_override_changes_host_and_target()
    {
        var signed = (Request with { Endpoint = new Uri("http://127.0.0.1:8080/") }).Sign(Credentials, SignedAt);
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), signed.Uri);
        Assert.Contains("host:127.0.0.1:8080\n", signed.CanonicalRequest);
    }

    [Fact]
    public void Error_response_becomes_an_exception_with_code_and_message()
    {
        const string xml = "<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type><Code>DBClusterNotFoundFault</Code><Message>DBCluster aurora-test not found.</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
        var ex = Assert.Throws<InvalidOperationException>(() => RdsFailover.Parse(xml, 404, "aurora-test", new Uri("https://rds.us-east-1.amazonaws.com/"), DateTimeOffset.UnixEpoch));
        Assert.Contains("DBClusterNotFoundFault: DBCluster aurora-test not found.", ex.Message);
    }

    [Fact]
    public void Success_response_gives_cluster_status()
    {
        const string xml = "<FailoverDBClusterResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><FailoverDBClusterResult><DBCluster><DBClusterIdentifier>aurora-test</DBClusterIdentifier><Status>available</Status></DBCluster></FailoverDBClusterResult><ResponseMetadata><RequestId>abc-123</RequestId></ResponseMetadata></FailoverDBClusterResponse>";
        var result = RdsFailover.Parse(xml, 200, "aurora-test", new Uri("https://rds.us-east-1.amazonaws.com/"), DateTimeOffset.UnixEpoch);
        Assert.Equal(("aurora-test", "available", "abc-123"), (result.ClusterIdentifier, result.Status, result.RequestId));
    }
}
