using System.Text;
using System.Text.Json;
using Ops.Aws;

namespace Ops.Tests.Aws;

/// <summary>
/// AWS's published Signature Version 4 test suites (aws-c-auth's v4 cases and botocore's aws4_testsuite,
/// flattened in TestData/aws-sigv4-test-suite.json): every case's canonical request, string to sign and
/// Authorization header, from the request as it is written on the wire.
/// </summary>
public class SigV4SignerTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private const string StsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Aws", "TestData", "aws-sigv4-test-suite.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static TheoryData<string> SuiteCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Value) data.Add(c.GetProperty("suite").GetString() + ": " + c.GetProperty("name").GetString());
        return data;
    }

    [Fact]
    public void The_suite_file_holds_all_72_cases() => Assert.Equal(72, Cases.Value.Length);

    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void Every_case_of_the_published_suites_is_signed_as_aws_signs_it(string id)
    {
        var c = Cases.Value.Single(e => e.GetProperty("suite").GetString() + ": " + e.GetProperty("name").GetString() == id);
        string Text(string name) => c.GetProperty(name).GetString()!;
        var token = c.GetProperty("token").ValueKind == JsonValueKind.String ? Text("token") : null;
        var signer = new SigV4Signer(Text("ak"), Text("sk"), Text("region"), Text("service"), token)
        {
            NormalizePath = c.GetProperty("normalize").GetBoolean(),
            SignSessionToken = !c.GetProperty("omit_token").GetBoolean(),
            AddContentSha256Header = c.GetProperty("sign_body").GetBoolean(),
        };
        var headers = c.GetProperty("headers").EnumerateArray().Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!)).ToList();
        var host = headers.First(h => h.Key.Equals("host", StringComparison.OrdinalIgnoreCase)).Value;
        var sig = signer.Sign(Text("method"), host, Text("target"), headers, Encoding.UTF8.GetBytes(Text("body")), DateTime.Parse(Text("time"), null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(Text("creq"), sig.CanonicalRequest);
        Assert.Equal(Text("sts"), sig.StringToSign);
        Assert.Equal(Text("authz"), sig.Authorization);
    }

    [Theory]
    [InlineData("/a/b/..", true, true, "/a")]
    [InlineData("/a/./b//c/", true, true, "/a/b/c/")]
    [InlineData("/../", true, true, "/")]
    [InlineData("", true, true, "/")]
    [InlineData("/_doc/x%20y", true, true, "/_doc/x%2520y")]
    [InlineData("/my%20key//x/../y", false, false, "/my%20key//x/../y")]
    [InlineData("/caf%c3%a9 x*", false, false, "/caf%C3%A9%20x%2A")]
    [InlineData("/100%", false, false, "/100%25")]
    public void Paths_are_normalized_and_encoded_per_service(string sent, bool normalize, bool encodeAsSent, string canonical) =>
        Assert.Equal(canonical, SigV4Canonical.Path(sent, normalize, encodeAsSent));

    [Theory]
    [InlineData("b=2&a=1&a=", "a=&a=1&b=2")]
    [InlineData("q=a+b", "q=a%2Bb")]
    [InlineData("q=a%20b&q=a b", "q=a%20b&q=a%20b")]
    [InlineData("x=%zz", "x=%25zz")]
    [InlineData("flag&&", "flag=")]
    [InlineData("k=v=w", "k=v%3Dw")]
    public void Queries_are_decoded_encoded_and_sorted(string sent, string canonical) =>
        Assert.Equal(canonical, SigV4Canonical.Query(sent));

    [Fact]
    public void Header_values_are_trimmed_and_folded() =>
        Assert.Equal("a b c", SigV4Canonical.HeaderValue("  a \t b\r\n   c "));

    [Fact]
    public void S3_signs_the_key_encoded_once_without_normalizing()
    {
        var sig = new SigV4Signer(AccessKey, SecretKey, "us-east-1", "s3").Sign("GET", "bucket.s3.amazonaws.com", "/a//my%20key/../b", [], [], SignedAt);
        Assert.Equal("/a//my%20key/../b", sig.CanonicalRequest.Split('\n')[1]);
    }

    [Fact]
    public void Session_token_is_added_and_signed_like_post_sts_header_before()
    {
        var signer = new SigV4Signer(AccessKey, SecretKey, "us-east-1", "service", StsToken);
        var sig = signer.Sign("POST", new Uri("https://example.amazonaws.com/"), [], [], SignedAt);
        Assert.Equal($"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", sig.Authorization);
        Assert.Equal(StsToken, sig.HeadersToAdd["x-amz-security-token"]);
    }

    [Fact]
    public void Canonical_request_of_get_vanilla_is_the_suites_creq()
    {
        var sig = new SigV4Signer(AccessKey, SecretKey, "us-east-1", "service").Sign("GET", new Uri("https://example.amazonaws.com/"), [], [], SignedAt);
        Assert.Equal("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sig.CanonicalRequest);
        Assert.Equal("20150830T123600Z", sig.AmzDate);
    }

    [Fact]
    public async Task Signing_an_HttpRequestMessage_gives_the_form_urlencoded_vector()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("Param1=value1")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        await new SigV4Signer(AccessKey, SecretKey, "us-east-1", "service").SignAsync(request, SignedAt);
        Assert.Equal($"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            string.Join("", request.Headers.GetValues("Authorization")));
        Assert.Equal("20150830T123600Z", string.Join("", request.Headers.GetValues("x-amz-date")));
    }

    [Fact]
    public void Empty_region_is_refused_with_the_field_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new SigV4Signer(AccessKey, SecretKey, " "));
        Assert.Contains("region", e.Message);
    }

    [Fact]
    public void Default_chain_reads_the_environment_credentials()
    {
        var saved = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKey);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretKey);
            var creds = AwsCredentialChain.Resolve().GetCredentials();
            Assert.Equal(AccessKey, creds.AccessKey);
            var sig = SigV4Signer.FromDefaultChain("us-east-1", "service").Sign("GET", new Uri("https://example.amazonaws.com/"), [], [], SignedAt);
            Assert.EndsWith("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", sig.Authorization);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Item2);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseHeaders(string[] headers) =>
        headers.Select(h => new KeyValuePair<string, string>(h[..h.IndexOf(':')], h[(h.IndexOf(':') + 1)..]));
}
