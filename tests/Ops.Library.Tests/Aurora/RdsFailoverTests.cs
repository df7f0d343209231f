using System.Net;
using System.Text;
using Amazon.Runtime;
using Ops.Aurora.Rds;

namespace Ops.Tests.Aurora;

public class RdsFailoverTests
{
    [Fact]
    public async Task Trigger_posts_a_signed_form_to_the_overridden_endpoint()
    {
        var port = Ops.Testing.FreePort.Tcp();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        string? body = null, authorization = null, contentType = null, date = null;
        var server = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using (var reader = new StreamReader(context.Request.InputStream)) body = await reader.ReadToEndAsync();
            authorization = context.Request.Headers["Authorization"];
            contentType = context.Request.ContentType;
            date = context.Request.Headers["X-Amz-Date"];
            var reply = Encoding.UTF8.GetBytes("<FailoverDBClusterResponse><FailoverDBClusterResult><DBCluster><DBClusterIdentifier>aurora-test</DBClusterIdentifier><Status>failing-over</Status></DBCluster></FailoverDBClusterResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></FailoverDBClusterResponse>");
            context.Response.ContentType = "text/xml";
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        });

        var result = await RdsFailover.TriggerAsync("aurora-test", "aurora-test-instance-03", region: "ap-northeast-1",
            endpoint: new Uri($"http://127.0.0.1:{port}/"), credentials: new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        await server.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("failing-over", result.Status);
        Assert.Equal("req-1", result.RequestId);
        Assert.Equal("Action=FailoverDBCluster&DBClusterIdentifier=aurora-test&TargetDBInstanceIdentifier=aurora-test-instance-03&Version=2014-10-31", body);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization);
        Assert.Contains("/ap-northeast-1/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=", authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", contentType);
        Assert.Matches(@"^\d{8}T\d{6}Z$", date);
    }

    [Fact]
    public async Task Missing_region_says_how_to_set_it()
    {
        if (Environment.GetEnvironmentVariable("AWS_REGION") is not null || Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is not null) return;
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RdsFailover.TriggerAsync("aurora-test", credentials: new BasicAWSCredentials("a", "b")));
        Assert.Contains("AWS_REGION", ex.Message);
    }
}
