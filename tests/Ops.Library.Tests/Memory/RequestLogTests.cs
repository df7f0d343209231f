using Ops.Memory;

namespace Ops.Tests.Memory;

public class RequestLogTests
{
    [Fact]
    public void Ltsv_is_aggregated_per_minute_into_count_mean_and_p95()
    {
        var lines = Enumerable.Range(1, 20).Select(i =>
            $"time:[14/Jun/2019:00:01:{i:00} +0900]\thost:10.0.0.{i}\treq:GET / HTTP/1.1\tstatus:200\treqtime:{i / 10.0:0.0}");
        var text = string.Join('\n', lines) + "\ntime:[14/Jun/2019:00:02:05 +0900]\treqtime_microsec:250000\n";

        var minutes = RequestLog.ParseText(text, "access.ltsv");

        Assert.Equal(2, minutes.Count);
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 0), minutes[0].Minute);
        Assert.Equal(20, minutes[0].Count);
        Assert.Equal(1.05, minutes[0].MeanSeconds, 9);
        Assert.Equal(1.9, minutes[0].P95Seconds, 9);
        Assert.Equal(1, minutes[1].Count);
        Assert.Equal(0.25, minutes[1].MeanSeconds, 9);
    }

    [Fact]
    public void Combined_log_with_nginx_request_time_or_apache_microseconds()
    {
        var text = """
            10.0.0.1 - - [14/Jun/2019:00:01:40 +0900] "GET /index.fcgi?id=1 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11)" 0.300
            10.0.0.2 - - [14/Jun/2019:00:01:41 +0900] "GET /index.fcgi?id=2 HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (X11)" 100000
            10.0.0.3 - - [14/Jun/2019:00:01:42 +0900] "GET / HTTP/1.1" 200 10 "-" "curl/7.64" rt=0.5
            """;
        var m = Assert.Single(RequestLog.ParseText(text, "access.log"));
        Assert.Equal(3, m.Count);
        Assert.Equal(0.3, m.MeanSeconds, 9);
        Assert.Equal(0.5, m.P95Seconds, 9);
    }

    [Fact]
    public void Line_without_response_time_is_an_error_with_line_number()
    {
        var text = """
            10.0.0.1 - - [14/Jun/2019:00:01:40 +0900] "GET / HTTP/1.1" 200 5120 "-" "curl" 0.3
            10.0.0.1 - - [14/Jun/2019:00:01:41 +0900] "GET / HTTP/1.1" 200 5120 "-" "curl"
            """;
        var e = Assert.Throws<MemoryInputException>(() => RequestLog.ParseText(text, "access.log"));
        Assert.Equal(2, e.Line);
        Assert.Contains("$request_time", e.Message);
    }

    [Fact]
    public void Ltsv_line_without_time_is_an_error_with_line_number()
    {
        var e = Assert.Throws<MemoryInputException>(() => RequestLog.ParseText("time:2019-06-14T00:00:01\treqtime:0.1\nhost:a\ttime:\treqtime:0.1\n", "a.ltsv"));
        Assert.Equal(2, e.Line);
    }
}
