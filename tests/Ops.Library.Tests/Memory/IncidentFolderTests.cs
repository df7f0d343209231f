using Ops.Memory;

namespace Ops.Tests.Memory;

/// <summary>The folder an on-call engineer brings: vmstat per host next to the kill mail and the access log; vmstat -S M.</summary>
public class IncidentFolderTests
{
    /// <summary>The seed excerpt's memory columns divided by 1024, as `vmstat -S M` prints them.</summary>
    private static string InMegabytes() => string.Join("\n", SeedExcerpts.Vmstat.Split('\n').Select(line =>
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 8 || !char.IsAsciiDigit(f[0][0])) return line;
        for (var i = 5; i <= 7; i++) f[i] = (long.Parse(f[i]) / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return " " + string.Join("  ", f);
    }));

    [Fact]
    public void Non_sample_files_in_a_folder_are_skipped_with_a_note()
    {
        var dir = Directory.CreateTempSubdirectory("ops-incident-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "web01.vmstat"), SeedExcerpts.Vmstat);
            File.WriteAllText(Path.Combine(dir.FullName, "kills.mbox"), "From watchdog@web02.example.jp Sat Jun 15 00:03:13 2019\n" + SeedExcerpts.KillReport);
            File.WriteAllText(Path.Combine(dir.FullName, "access.ltsv"), "time:2019-06-15T00:01:40+09:00\treqtime:0.300\n");
            File.WriteAllText(Path.Combine(dir.FullName, "access.log"), "10.0.0.1 - - [15/Jun/2019:00:01:40 +0900] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl\" 0.300\n");
            var notes = new List<string>();
            var hosts = HostSeries.LoadDirectory(dir.FullName, notes: notes);
            Assert.Equal("web01", Assert.Single(hosts).Host);
            Assert.Equal(3, notes.Count);
            Assert.All(notes, n => Assert.EndsWith(": not vmstat or sar -r samples, skipped", n));
            Assert.Contains(notes, n => n.Contains("kills.mbox"));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void A_vmstat_file_broken_after_its_first_samples_is_still_an_error_naming_the_line()
    {
        var dir = Directory.CreateTempSubdirectory("ops-incident-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "web01.vmstat"), SeedExcerpts.Vmstat.Replace("999816", "99981x"));
            var e = Assert.Throws<MemoryInputException>(() => HostSeries.LoadDirectory(dir.FullName));
            Assert.StartsWith("web01.vmstat:8:", e.Message);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Files_can_be_named_one_by_one_and_a_named_file_that_is_not_samples_is_an_error()
    {
        var dir = Directory.CreateTempSubdirectory("ops-incident-");
        try
        {
            var a = Path.Combine(dir.FullName, "web01.vmstat");
            var b = Path.Combine(dir.FullName, "web02.vmstat");
            var mail = Path.Combine(dir.FullName, "kills.mbox");
            File.WriteAllText(a, SeedExcerpts.Vmstat);
            File.WriteAllText(b, SeedExcerpts.Vmstat);
            File.WriteAllText(mail, SeedExcerpts.KillReport);
            Assert.Equal(["web01", "web02"], HostSeries.LoadPaths([b, a]).Select(h => h.Host));
            Assert.Throws<MemoryInputException>(() => HostSeries.LoadPaths([a, mail]));
            var e = Assert.Throws<InvalidDataException>(() => HostSeries.LoadPaths([a, dir.FullName]));
            Assert.Contains("host web01 appears in 2 files", e.Message);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Vmstat_S_M_read_with_unit_M_gives_the_same_memory_as_KiB()
    {
        var kib = Vmstat.ParseText(SeedExcerpts.Vmstat);
        var mib = new HostSeries("web01", HostSeries.Read(new StringReader(InMegabytes()), "web01.vmstat", "web01", unit: VmstatUnit.MiB).Samples);
        Assert.Equal(kib.Count, mib.Count);
        // Within the 1 MB vmstat -S M rounds to.
        Assert.All(kib.Zip(mib.Samples), p => Assert.InRange(p.First.AvailableKb - p.Second.AvailableKb, 0, 3 * 1024));
        Assert.Empty(HostSeries.UnitWarnings([mib], VmstatUnit.MiB));
    }

    [Fact]
    public void Vmstat_S_M_read_as_KiB_produces_a_unit_warning()
    {
        var wrong = HostSeries.Read(new StringReader(InMegabytes()), "web01.vmstat", "web01");
        var warning = Assert.Single(HostSeries.UnitWarnings([wrong], VmstatUnit.KiB));
        Assert.StartsWith("web01: free + buffers + cache is at most 2.6 MB read as vmstat -S K", warning);
        Assert.Contains("--unit M", warning);
    }

    [Theory]
    [InlineData("k", 1000)]
    [InlineData("K", 1024)]
    [InlineData("m", 1000000)]
    [InlineData("M", 1048576)]
    public void Units_follow_vmstat_S(string letter, long bytes)
    {
        var unit = VmstatUnits.Parse(letter);
        var series = HostSeries.Read(new StringReader(" 20190614 00:01:40  7  0  0 1000 0 0 0 0 56 228 21715 9998 13 2 84 0 0\n"), "x", "x", unit: unit);
        Assert.Equal(1000 * bytes / 1024, series[0].FreeKb);
        Assert.Equal(letter, unit.Letter());
    }

    [Fact]
    public void An_unknown_unit_is_refused_naming_the_choices() =>
        Assert.Contains("k, K, m, M", Assert.Throws<ArgumentException>(() => VmstatUnits.Parse("G")).Message);
}
