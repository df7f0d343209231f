using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Ops.BigQuery;

namespace Ops.Benchmarks;

/// <summary>
/// <c>bq-validate [--mb N] [--rounds R] [--dir D]</c>: NDJSON.gz validation throughput against
/// <c>gzip -dc &gt; /dev/null</c> over the same files in the same run, on one core and on two.
/// Generates N MB (compressed) of application-log rows into D (default /tmp/ops-bq-bench) once.
/// </summary>
public static class BigQueryValidateBenchmark
{
    private const string Schema = """
        [{"name":"time","type":"TIMESTAMP","mode":"REQUIRED"},{"name":"user_id","type":"INTEGER","mode":"REQUIRED"},
         {"name":"event","type":"STRING"},{"name":"version","type":"STRING"},{"name":"price","type":"NUMERIC"},
         {"name":"session","type":"STRING"},{"name":"ok","type":"BOOLEAN"},{"name":"score","type":"FLOAT"},
         {"name":"date","type":"DATE"},{"name":"tags","type":"STRING","mode":"REPEATED"},
         {"name":"items","type":"RECORD","mode":"REPEATED","fields":[{"name":"sku","type":"STRING","mode":"REQUIRED"},{"name":"qty","type":"INTEGER"},{"name":"unit_price","type":"NUMERIC"}]},
         {"name":"device","type":"RECORD","fields":[{"name":"os","type":"STRING"},{"name":"model","type":"STRING"},{"name":"app","type":"STRING"}]},
         {"name":"message","type":"STRING"}]
        """;

    public static int Run(string[] args)
    {
        var mb = Arg(args, "--mb", 200);
        var rounds = Arg(args, "--rounds", 3);
        var dir = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault() ?? "/tmp/ops-bq-bench";
        var files = Generate(dir, mb, fileCount: 4);
        var compressed = files.Sum(f => new FileInfo(f).Length);
        var schema = TableSchema.FromJson(Schema);
        Console.WriteLine($"bq-validate: {files.Count} files, {compressed / 1e6:0.0} MB gzip in {dir}");

        // Warm up the JIT on a slice so the timed runs measure steady state.
        JsonLoadCheck.Validate(schema, [files[0]], new LoadCheckOptions { Parallelism = 1 });

        // Wall time and CPU time of each run: on a shared machine CPU seconds show the per-core cost
        // even when other work steals the cores.
        var gzip = new List<(double Wall, double Cpu)>();
        var one = new List<(double Wall, double Cpu)>();
        var gzip2 = new List<(double Wall, double Cpu)>();
        var two = new List<(double Wall, double Cpu)>();
        var single1 = new List<(double Wall, double Cpu)>();
        var single2 = new List<(double Wall, double Cpu)>();
        long uncompressed = 0, singleBytes = 0;
        for (var r = 0; r < rounds; r++)
        {
            gzip.Add(GzipDc(files, parallel: 1));
            one.Add(Time(() => uncompressed = Check(schema, files, 1)));
            gzip2.Add(GzipDc(files, parallel: 2));
            two.Add(Time(() => Check(schema, files, 2)));
            single1.Add(Time(() => singleBytes = Check(schema, [files[0]], 1)));
            single2.Add(Time(() => Check(schema, [files[0]], 2)));
        }
        double Median(IEnumerable<double> xs) { var l = xs.Order().ToList(); return l[l.Count / 2]; }
        string Line(string what, List<(double Wall, double Cpu)> runs)
        {
            var wall = Median(runs.Select(x => x.Wall));
            var cpu = Median(runs.Select(x => x.Cpu));
            return $"{what,-34} wall {wall,6:0.00} s ({uncompressed / 1e6 / wall,6:0.0} MB/s JSON)  cpu {cpu,6:0.00} s ({uncompressed / 1e6 / cpu,6:0.0} MB/s JSON per core-second)";
        }
        Console.WriteLine($"uncompressed {uncompressed / 1e6:0.0} MB, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; medians of {rounds} alternating rounds:");
        Console.WriteLine(Line("gzip -dc > /dev/null (1 process)", gzip));
        Console.WriteLine(Line("ops validation, 1 core", one));
        Console.WriteLine(Line("gzip -dc, 2 processes", gzip2));
        Console.WriteLine(Line("ops validation, 2 cores", two));
        string SingleLine(string what, List<(double Wall, double Cpu)> runs) =>
            $"{what,-34} wall {Median(runs.Select(x => x.Wall)),6:0.00} s ({singleBytes / 1e6 / Median(runs.Select(x => x.Wall)),6:0.0} MB/s JSON)  cpu {Median(runs.Select(x => x.Cpu)),6:0.00} s";
        Console.WriteLine(SingleLine("one file, 1 core", single1));
        Console.WriteLine(SingleLine("one file, 2 cores (gunzip ahead)", single2));
        var cpuRatio = Median(gzip.Select(x => x.Cpu)) / Median(one.Select(x => x.Cpu));
        var wallRatio = Median(gzip.Select(x => x.Wall)) / Median(one.Select(x => x.Wall));
        Console.WriteLine($"throughput vs gzip -dc, 1 core: {wallRatio:0.00}x wall, {cpuRatio:0.00}x per CPU-second (goal >= 0.5x); " +
                          $"2 cores vs 1 core: {Median(one.Select(x => x.Wall)) / Median(two.Select(x => x.Wall)):0.00}x faster wall; " +
                          $"one file on 2 cores: {Median(single1.Select(x => x.Wall)) / Median(single2.Select(x => x.Wall)):0.00}x faster wall");
        return 0;
    }

    private static long Check(TableSchema schema, IReadOnlyList<string> files, int parallel)
    {
        var report = JsonLoadCheck.Validate(schema, files, new LoadCheckOptions { Parallelism = parallel, DecompressAhead = true });
        if (report.BadRecords != 0) throw new InvalidOperationException("generated data should be valid: " + report.ToPlainText());
        return report.UncompressedBytes;
    }

    /// <summary>`gzip -dc` over the files (one process per share), timed by bash's `time` for user+sys CPU.</summary>
    private static (double Wall, double Cpu) GzipDc(IReadOnlyList<string> files, int parallel)
    {
        var sw = Stopwatch.StartNew();
        var shares = Enumerable.Range(0, parallel).Select(i => files.Where((_, k) => k % parallel == i).ToList()).ToList();
        var procs = shares.Select(share =>
        {
            var psi = new ProcessStartInfo("/bin/bash", ["-c", "TIMEFORMAT='%3U %3S'; time gzip -dc \"$@\" > /dev/null", "bash", .. share])
            { UseShellExecute = false, RedirectStandardError = true };
            return Process.Start(psi)!;
        }).ToList();
        var cpu = 0.0;
        foreach (var p in procs)
        {
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"gzip -dc exited {p.ExitCode}: {err}");
            var parts = err.Trim().Split('\n')[^1].Split(' ');
            cpu += double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return (sw.Elapsed.TotalSeconds, cpu);
    }

    private static (double Wall, double Cpu) Time(Action a)
    {
        var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        a();
        self.Refresh();
        return (sw.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static int Arg(string[] args, string name, int dflt)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : dflt;
    }

    /// <summary>Realistic application-log rows (deterministic), gzip level 6 like the daemon's output.</summary>
    internal static IReadOnlyList<string> Generate(string dir, int targetMb, int fileCount)
    {
        Directory.CreateDirectory(dir);
        var marker = Path.Combine(dir, $"generated-{targetMb}mb-{fileCount}.ok");
        var files = Enumerable.Range(0, fileCount).Select(i => Path.Combine(dir, $"applog-{i:D2}.json.gz")).ToList();
        if (File.Exists(marker) && files.All(File.Exists)) return files;
        foreach (var old in Directory.GetFiles(dir, "generated-*.ok")) File.Delete(old);
        var perFile = (long)targetMb * 1_000_000 / fileCount;
        Parallel.For(0, fileCount, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var rng = new Random(1000 + i);
            using var fs = new FileStream(files[i], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            using var gz = new GZipStream(fs, CompressionLevel.Optimal);
            var sb = new StringBuilder(1 << 16);
            string[] events = ["login", "gacha", "battle", "purchase", "logout", "quest_clear", "friend_add"];
            string[] models = ["iPhone11,8", "SO-01L", "SH-M12", "Pixel 3a", "SC-02M", "iPad8,1"];
            string[] words = ["ok", "timeout", "retry", "ガチャ", "ログイン", "報酬", "error", "cache miss", "イベント", "queue"];
            long row = 0;
            while (fs.Length < perFile)
            {
                for (var k = 0; k < 500; k++, row++)
                {
                    var t = 1569855600L + row / 3;
                    var dt = DateTimeOffset.FromUnixTimeSeconds(t);
                    sb.Append("{\"time\":\"").Append(dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append('.')
                      .Append(rng.Next(1000000).ToString("D6", CultureInfo.InvariantCulture)).Append(" UTC\"")
                      .Append(",\"user_id\":\"").Append(rng.NextInt64(100000, 99_999_999)).Append('"')
                      .Append(",\"event\":\"").Append(events[rng.Next(events.Length)]).Append('"')
                      .Append(",\"version\":\"3.").Append(rng.Next(3)).Append(rng.Next(10) == 0 ? ".1" : "").Append('"')
                      .Append(",\"price\":\"").Append(rng.Next(100, 50000)).Append('.').Append(rng.Next(100).ToString("D2", CultureInfo.InvariantCulture)).Append('"')
                      .Append(",\"session\":\"").Append(rng.NextInt64().ToString("x16", CultureInfo.InvariantCulture)).Append('"')
                      .Append(",\"ok\":").Append(rng.Next(20) == 0 ? "false" : "true")
                      .Append(",\"score\":").Append((rng.NextDouble() * 1000).ToString("0.####", CultureInfo.InvariantCulture))
                      .Append(",\"date\":\"").Append(dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('"')
                      .Append(",\"tags\":[");
                    for (var g = rng.Next(3); g > 0; g--) sb.Append("\"t").Append(rng.Next(50)).Append(g > 1 ? "\"," : "\"");
                    sb.Append("],\"items\":[");
                    for (var n = rng.Next(3); n > 0; n--)
                        sb.Append("{\"sku\":\"sku-").Append(rng.Next(5000)).Append("\",\"qty\":").Append(rng.Next(1, 10))
                          .Append(",\"unit_price\":").Append(rng.Next(1, 999)).Append(".5}").Append(n > 1 ? "," : "");
                    sb.Append("],\"device\":{\"os\":\"").Append(rng.Next(2) == 0 ? "ios" : "android").Append("\",\"model\":\"")
                      .Append(models[rng.Next(models.Length)]).Append("\",\"app\":\"game-").Append(rng.Next(4)).Append("\"}")
                      .Append(",\"message\":\"").Append(words[rng.Next(words.Length)]).Append(' ').Append(words[rng.Next(words.Length)])
                      .Append(" #").Append(rng.Next(100000)).Append("\"}\n");
                }
                gz.Write(Encoding.UTF8.GetBytes(sb.ToString()));
                sb.Clear();
            }
        });
        File.WriteAllText(marker, "ok\n");
        return files;
    }
}
