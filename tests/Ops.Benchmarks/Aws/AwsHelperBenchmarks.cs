using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Ops.Aws;
using Ops.Aws.Schedules;
using Ops.Net;

namespace Ops.Benchmarks.Aws;

/// <summary>
/// Cost of signing through AWSSDK.Core against the bare HMAC chain SigV4 needs (the floor), and of
/// the schedule and address helpers at notebook scale.
/// </summary>
[ShortRunJob, MemoryDiagnoser]
public class AwsHelperBenchmarks
{
    private static readonly DateTime At = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private readonly SigV4Signer _signer = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
    private readonly Uri _uri = new("https://example.amazonaws.com/_cat/indices?format=json&bytes=b");
    private readonly CronExpression _cron = CronExpression.Parse("cron(0 15 ? * SUN-THU *)");
    private readonly AddressPlan _plan = Enumerable.Range(0, 200).Aggregate(new AddressPlan(), (p, i) => p.Add($"svc{i}", $"10.{16 + i / 16}.{i % 16 * 16}.0/20"));

    [Benchmark(Baseline = true)]
    public string HmacChainOnly()
    {
        var key = Encoding.UTF8.GetBytes("AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        foreach (var s in new[] { "20150830", "us-east-1", "service", "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(s));
        var creq = "GET\n/_cat/indices\nbytes=b&format=json\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        var sts = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(creq)));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(sts)));
    }

    [Benchmark]
    public string SignGetVanilla() => _signer.Sign("GET", _uri, [], [], At).Authorization;

    [Benchmark]
    public int NextHundredFirings() => _cron.NextFirings(new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero), 100).Count;

    [Benchmark]
    public int OverlapsOf200Blocks() => _plan.Overlaps().Count;
}
