using System.CommandLine;
using System.Globalization;
using Ops.BigQuery;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops bq</c>: BigQuery load checks on the files, before <c>bq load</c>. Exit codes from
/// <see cref="ExitCodes"/>: 1 when the load would fail (or text is dirty, or lines could not be
/// routed), 3 when a file or schema cannot be read (missing, a directory, truncated gzip, bad YAML).
/// </summary>
internal static class BigQueryVerb
{
    public static Command Create()
    {
        var bq = new Command("bq", "BigQuery load checks: validate NDJSON(.gz) against a schema, simulate autodetect, route logs, generate SQL checks, estimate storage cost.");
        bq.Subcommands.Add(Check());
        bq.Subcommands.Add(Infer());
        bq.Subcommands.Add(Route());
        bq.Subcommands.Add(Sql());
        bq.Subcommands.Add(Hygiene());
        bq.Subcommands.Add(Cost());
        return bq;
    }

    private static Option<string[]> FilesOption() => new("--files")
    {
        Description = "NDJSON files or patterns (*.json.gz, logs/**/*.json); repeatable; each must name at least one file",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private static Option<string> SchemaOption() => new("--schema")
    {
        Description = "schema file: bq JSON (name, type, mode, fields), or spreadsheet CSV/YAML (column, type, mode)",
        Required = true,
    };

    private static Command Check()
    {
        var schema = SchemaOption();
        var files = FilesOption();
        var maxBad = new Option<long>("--max-bad-records") { Description = "bq's --max_bad_records (default 0)" };
        var ignore = new Option<bool>("--ignore-unknown") { Description = "bq's --ignore_unknown_values: fields not in the schema are dropped" };
        var json = new Option<bool>("--json") { Description = "print {wouldFail, badRecords, problems: [{file, line, path, rule, value}]}" };
        var parallel = new Option<int>("--parallel") { Description = "files checked at once (default: processor count)" };
        var ahead = new Option<bool>("--gunzip-ahead") { Description = "decompress each .gz on a second core (helps one big file on idle cores)" };
        var cmd = new Command("check", "Would `bq load --source_format=NEWLINE_DELIMITED_JSON` of these files succeed? Exit 0 yes, 1 no, 3 a file cannot be read (missing, truncated).")
        { schema, files, maxBad, ignore, json, parallel, ahead };
        cmd.SetAction(pr => Guard(pr, "check", (stdout, stderr) =>
        {
            var s = TableSchema.Load(pr.GetValue(schema)!);
            var paths = FileGlob.ExpandEach(pr.GetValue(files)!);
            var done = 0;
            var options = new LoadCheckOptions
            {
                MaxBadRecords = pr.GetValue(maxBad),
                IgnoreUnknownValues = pr.GetValue(ignore),
                DecompressAhead = pr.GetValue(ahead),
                Parallelism = pr.GetValue(parallel) is > 0 and var p ? p : Environment.ProcessorCount,
                Progress = Console.IsErrorRedirected ? null : e =>
                {
                    if (e.Finished) stderr.WriteLine($"[{Interlocked.Increment(ref done)}/{paths.Count}] {e.File}: {e.Rows} rows");
                },
            };
            var report = JsonLoadCheck.Validate(s, paths, options);
            stdout.WriteLine(pr.GetValue(json) ? report.ToJson(indented: true) : report.ToPlainText());
            if (Unreadable(report) is { } bad)
            {
                stderr.WriteLine($"ops bq check: {bad.File}{(bad.Line > 0 ? ":" + bad.Line : "")}: cannot be read: {bad.Explanation}");
                return ExitCodes.InputError;
            }
            return report.WouldFail ? ExitCodes.Finding : ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>
    /// The first file that could not be read to its end (unreadable, truncated, damaged gzip), with its
    /// problem; the per-file problem list is capped, so the file's rule counts decide.
    /// </summary>
    private static LoadProblem? Unreadable(LoadCheckReport report)
    {
        var file = report.Files.FirstOrDefault(f => f.Fatal && (f.RuleCounts.ContainsKey(LoadRule.CorruptGzip) || f.RuleCounts.ContainsKey(LoadRule.FileUnreadable)));
        if (file is null) return null;
        return file.Problems.FirstOrDefault(p => p.Severity == Severity.Error && p.Rule is LoadRule.FileUnreadable or LoadRule.CorruptGzip)
            ?? new LoadProblem(file.File, 0, "", LoadRule.CorruptGzip, "", Severity.Error, "the file cannot be read to its end (truncated or damaged gzip); re-create or re-upload it");
    }

    private static Command Infer()
    {
        var files = FilesOption();
        var json = new Option<bool>("--json") { Description = "print only the recommended schema in bq JSON" };
        var cmd = new Command("infer", "Simulate --autodetect (first 500 rows), show the rows that would then fail, and print the explicit schema every row fits. Exit 1 when autodetect would fail, 3 when a file cannot be read.")
        { files, json };
        cmd.SetAction(pr => Guard(pr, "infer", (stdout, _) =>
        {
            var trap = AutodetectTrap.Run(FileGlob.ExpandEach(pr.GetValue(files)!));
            stdout.WriteLine(pr.GetValue(json) ? trap.Recommended.ToJson() : trap.ToPlainText());
            return trap.WouldFail ? ExitCodes.Finding : ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Route()
    {
        var config = new Option<string>("--config") { Description = "routing YAML (window, timeZone, meta, time, routes: hdfs/bucket/object)", Required = true };
        var output = new Option<string>("--out") { Description = "output directory laid out as bucket/object (default ./gcs-out)" };
        var inputs = new Argument<string[]>("INPUT") { Description = "application log files: hdfs path \\t meta... \\t JSON or LTSV", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("route", "Split application logs by hdfs path and time window into NDJSON .json.gz objects. Exit 1 when lines could not be routed, 3 when an input cannot be read.")
        { config, output, inputs };
        cmd.SetAction(pr => Guard(pr, "route", (stdout, _) =>
        {
            var routeConfig = RouteConfig.Load(pr.GetValue(config)!);
            var report = LogRouter.Run(routeConfig, FileGlob.ExpandEach(pr.GetValue(inputs)!), pr.GetValue(output) ?? "gcs-out");
            stdout.WriteLine(report.ToString());
            return report.ProblemCount > 0 ? ExitCodes.Finding : ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Sql()
    {
        var schema = SchemaOption();
        var table = new Option<string>("--table") { Description = "staging/external table holding each NDJSON line as one STRING (project.dataset.table)", Required = true };
        var column = new Option<string>("--column") { Description = "the STRING column holding the line (default: line)" };
        var uris = new Option<string[]>("--uris") { Description = "gs:// URIs: also print the CREATE EXTERNAL TABLE for them", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("sql", "Print GoogleSQL counting per-column SAFE_CAST failures over a raw-line staging table, to run the checks inside BigQuery. Exit 3 when the schema cannot be read.")
        { schema, table, column, uris };
        cmd.SetAction(pr => Guard(pr, "sql", (stdout, _) =>
        {
            var s = TableSchema.Load(pr.GetValue(schema)!);
            var col = pr.GetValue(column) ?? "line";
            if (pr.GetValue(uris) is { Length: > 0 } u) stdout.WriteLine(SafeCastSql.ExternalTableDdl(pr.GetValue(table)!, u, col) + "\n");
            stdout.Write(SafeCastSql.Generate(s, pr.GetValue(table)!, col));
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Hygiene()
    {
        var inputs = new Argument<string[]>("FILE") { Description = "TSV, CSV or NDJSON files (.gz too) or patterns", Arity = ArgumentArity.OneOrMore };
        var noHeader = new Option<bool>("--no-header") { Description = "the first line is data, not column names" };
        var cmd = new Command("hygiene", "Find unescaped control characters, split records, invalid UTF-8 and Shift_JIS text. Exit 1 when anything is found, 3 when a file cannot be read (missing, truncated gzip).")
        { inputs, noHeader };
        cmd.SetAction(pr => Guard(pr, "hygiene", (stdout, _) =>
        {
            var dirty = false;
            foreach (var f in FileGlob.ExpandEach(pr.GetValue(inputs)!))
            {
                var r = TextHygiene.Scan(f, header: !pr.GetValue(noHeader));
                stdout.WriteLine(r.ToString());
                dirty |= !r.Clean;
            }
            return dirty ? ExitCodes.Finding : ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Cost()
    {
        var schema = SchemaOption();
        var files = FilesOption();
        var prices = new Option<string>("--prices") { Description = "price table YAML (default: Tokyo, October 2019; docs/bigquery-prices-*.yaml)" };
        var volume = new Option<string?>("--volume") { Description = "scale to this much gzip a month (e.g. 1TiB, 500GB): the measured logical/compressed ratio is kept" };
        var filesPerMonth = new Option<long?>("--files-per-month") { Description = "with --volume: files loaded a month, for the GET cost (default: scaled like the bytes)" };
        var cmd = new Command("cost", "Monthly storage cost: gzip in Cloud Storage classes vs logical/physical bytes in BigQuery. Exit 3 when a file or the price table cannot be read.")
        { schema, files, prices, volume, filesPerMonth };
        cmd.SetAction(pr => Guard(pr, "cost", (stdout, _) =>
        {
            var s = TableSchema.Load(pr.GetValue(schema)!);
            var table = pr.GetValue(prices) is string p ? PriceTable.Load(p) : PriceTable.Tokyo2019;
            long? monthly = pr.GetValue(volume) is { } v ? ByteSize.Parse(v, "--volume") : null;
            var report = JsonLoadCheck.Validate(s, FileGlob.ExpandEach(pr.GetValue(files)!));
            if (Unreadable(report) is { } bad) throw new InvalidDataException($"{bad.File}{(bad.Line > 0 ? ":" + bad.Line : "")}: cannot be read: {bad.Explanation}");
            var cost = StorageCost.FromCheck(report, table);
            if (monthly is long bytes)
            {
                var sampleFiles = Math.Max(1, cost.Files);
                var n = pr.GetValue(filesPerMonth) ?? (long)Math.Ceiling(cost.CompressedBytes == 0 ? sampleFiles : (double)bytes / cost.CompressedBytes * sampleFiles);
                cost = cost.ScaledTo(bytes, n);
                stdout.WriteLine($"scaled from the sample ({cost.Files.ToString(CultureInfo.InvariantCulture)} file(s) a month):");
            }
            stdout.WriteLine(cost.ToString());
            return ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>Errors the user can fix become one line naming the input, with the exit code of its kind.</summary>
    private static int Guard(ParseResult pr, string verb, Func<TextWriter, TextWriter, int> run)
    {
        var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
        try { return run(stdout, stderr); }
        catch (UsageException e) { stderr.WriteLine($"ops bq {verb}: {e.Message}"); return ExitCodes.Usage; }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException or IOException or InvalidDataException
                                      or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"ops bq {verb}: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
