using Ops.Memory;

namespace Ops.Tests.Memory;

public class VmstatTests
{
    [Fact]
    public void Seed_excerpt_parses_every_second_with_free_buff_cache()
    {
        var samples = Vmstat.ParseText(SeedExcerpts.Vmstat, "web01.vmstat");

        Assert.Equal(24, samples.Count);
        Assert.Equal(new MemorySample(new DateTime(2019, 6, 14, 0, 1, 40), 1595940, 678600, 428780), samples[0]);
        Assert.Equal(1595940 + 678600 + 428780, samples[0].AvailableKb);
        Assert.Equal(new MemorySample(new DateTime(2019, 6, 14, 0, 2, 3), 689528, 306500, 175876), samples[^1]);
        Assert.All(samples.Zip(samples.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second.Time - p.First.Time));
    }

    [Fact]
    public void Seed_excerpt_shows_the_drops_from_00_01_42_to_00_01_53()
    {
        var series = new HostSeries("web01", Vmstat.ParseText(SeedExcerpts.Vmstat));
        var drops = SuddenDrops.Find(series, thresholdMb: 200, window: TimeSpan.FromSeconds(1));

        // The seed: "00:01:42から一気に空きメモリ(free)が減少" — the falls start at 00:01:42 and the
        // deepest ends at 00:01:53 (1426624 KB → 171572 KB, about 1.2 GB in 11 s).
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 42), drops[0].Time);
        var inBurst = drops.Where(d => d.End <= new DateTime(2019, 6, 14, 0, 1, 53)).ToList();
        Assert.Equal(new[] { "00:01:42", "00:01:44", "00:01:47", "00:01:52" }, inBurst.Select(d => d.Time.ToString("HH:mm:ss")));
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 46), inBurst[1].End);
        Assert.Equal((1353092 - 633396) / 1024.0, inBurst[1].DropMb, 3);
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 53), inBurst[^1].End);
        Assert.Equal(171572 / 1024.0, inBurst[^1].ToMb, 3);
        // The one fall after the burst (00:01:58 → 00:01:59, 216 MB) is reported too.
        Assert.Equal(5, drops.Count);
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 58), drops[^1].Time);
        // Within 11 s from 00:01:42 free memory fell by more than 1.2 GB: one drop with a wider window.
        var wide = SuddenDrops.Find(series, thresholdMb: 1200, window: TimeSpan.FromSeconds(11));
        var burst = Assert.Single(wide);
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 42), burst.Time);
        Assert.Equal(new DateTime(2019, 6, 14, 0, 1, 53), burst.End);
    }

    [Fact]
    public void Vmstat_t_takes_the_timestamp_from_the_end_of_the_line()
    {
        var text = """
            procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu----- -----timestamp-----
             r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st                 UTC
             1  0      0 812345  20480 409600    0    0     3     9   50   80  1  0 99  0  0 2024-03-01 23:59:59
             0  0      0 712345  20480 409600    0    0     0     0   48   77  0  0 100 0  0 2024-03-02 00:00:00
            """;
        var samples = Vmstat.ParseText(text);
        Assert.Equal(2, samples.Count);
        Assert.Equal(new DateTime(2024, 3, 2, 0, 0, 0), samples[1].Time);
        Assert.Equal(712345, samples[1].FreeKb);
        Assert.Equal(409600, samples[1].CacheKb);
    }

    [Fact]
    public void Wide_vmstat_t_with_the_gu_column_is_read()
    {
        var text = """
            --procs-- -----------------------memory---------------------- ---swap-- -----io---- -system-- ----------cpu---------- -----timestamp-----
               r    b         swpd         free         buff        cache   si   so    bi    bo   in   cs  us  sy  id  wa  st  gu                 UTC
              32    0            0     20575988        28356      2817040    0    0   474   862  417 2426  66   8  26   0   0   0 2026-11-22 05:06:33
            """;
        var sample = Assert.Single(Vmstat.ParseText(text));
        Assert.Equal(new MemorySample(new DateTime(2026, 11, 22, 5, 6, 33), 20575988, 28356, 2817040), sample);
    }

    [Fact]
    public void Extra_whitespace_tabs_and_crlf_are_tolerated()
    {
        var text = "# host: web09\r\n\r\n\t20190614   00:01:40 \t 7  0  0 1595940\t678600 428780 0 0 56 228 21715 9998 13 2 84 0 0   \r\n";
        var series = HostSeries.Read(new StringReader(text), "x.txt", "x");
        Assert.Equal("web09", series.Host);
        Assert.Equal(1595940, series[0].FreeKb);
    }

    [Fact]
    public void Sar_r_takes_host_and_date_from_its_header_and_rolls_over_midnight()
    {
        var text = """
            Linux 5.10.0-21-amd64 (web03) 	06/14/2019 	_x86_64_	(8 CPU)

            11:59:58 PM kbmemfree   kbavail kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit  kbactive   kbinact   kbdirty
            11:59:59 PM   1595940   2703320  22970000     93.50    678600    428780  30000000    120.00  15000000   5000000       100
            12:00:00 AM   1418176   2525592  23147764     94.22    678600    428816  30000000    120.00  15000000   5000000       100
            Average:      1507058   2614456  23058882     93.86    678600    428798  30000000    120.00  15000000   5000000       100
            """;
        var series = HostSeries.Read(new StringReader(text), "sar.txt", "sar");
        Assert.Equal("web03", series.Host);
        Assert.Equal(2, series.Count);
        Assert.Equal(new DateTime(2019, 6, 14, 23, 59, 59), series[0].Time);
        Assert.Equal(new DateTime(2019, 6, 15, 0, 0, 0), series[1].Time);
        Assert.Equal(2525592, series[1].AvailableKb);
        Assert.Equal(1418176, series[1].FreeKb);
    }

    [Fact]
    public void Sar_r_as_sysstat_12_prints_it_with_a_two_digit_year()
    {
        // `LC_ALL=C sar -r 1 2` from sysstat 12.6.1 on the development machine.
        var text = """
            Linux 6.18.44-fc-v669 (vm) 	11/22/26 	_x86_64_	(2 CPU)

            05:09:33    kbmemfree   kbavail kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit  kbactive   kbinact   kbdirty
            05:09:34     20048908  22284316   1583160      6.41     36208   2699040   5239556     21.23   1185896   2889588      2580
            05:09:35     20310044  22545536   1399476      5.67     36208   2621540   4264552     17.28   1179360   2601816      2668
            Average:     20179476  22414926   1491318      6.04     36208   2660290   4752054     19.25   1182628   2745702      2624
            """;
        var series = HostSeries.Read(new StringReader(text), "sar.txt", "sar");
        Assert.Equal("vm", series.Host);
        Assert.Equal(2, series.Count);
        Assert.Equal(new DateTime(2026, 11, 22, 5, 9, 34), series[0].Time);
        Assert.Equal(20048908, series[0].FreeKb);
        Assert.Equal(22284316, series[0].AvailableKb);
        Assert.Equal(2699040, series[0].CacheKb);
    }

    [Fact]
    public void Host_comes_from_the_file_name_without_a_header()
    {
        var dir = Directory.CreateTempSubdirectory("ops-vmstat-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "web07.vmstat"), SeedExcerpts.Vmstat);
            var hosts = HostSeries.LoadDirectory(dir.FullName);
            Assert.Equal("web07", Assert.Single(hosts).Host);
            Assert.Equal(24, hosts[0].Count);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Non_numeric_field_is_an_error_with_file_and_line()
    {
        var broken = SeedExcerpts.Vmstat.Replace("999816", "99981x");
        var e = Assert.Throws<MemoryInputException>(() => Vmstat.ParseText(broken, "web01.vmstat"));
        Assert.Equal(8, e.Line);
        Assert.StartsWith("web01.vmstat:8: vmstat field 4 '99981x' is not a number", e.Message);
    }

    [Fact]
    public void Sample_without_timestamp_is_an_error_saying_how_to_record()
    {
        var text = " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n 1  0      0 812345  20480 409600    0    0     3     9   50   80  1  0 99  0  0\n";
        var e = Assert.Throws<MemoryInputException>(() => Vmstat.ParseText(text, "plain.txt"));
        Assert.Equal(2, e.Line);
        Assert.Contains("vmstat -t", e.Message);
    }

    [Fact]
    public void Streaming_parse_yields_samples_before_reaching_a_bad_line()
    {
        var text = SeedExcerpts.Vmstat + "\n garbage here\n";
        using var e = Vmstat.Parse(new StringReader(text), "web01.vmstat").GetEnumerator();
        var n = 0;
        var error = Assert.Throws<MemoryInputException>(() => { while (e.MoveNext()) n++; });
        Assert.Equal(24, n);
        Assert.Equal(27, error.Line);
    }
}
