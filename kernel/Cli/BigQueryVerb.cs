using System.CommandLine;
using Ops.BigQuery;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops bq</c>: BigQuery load checks on the files, before <c>bq load</c>. <c>check</c> exits 0 when
/// the load would succeed and 2 when it would fail (1 for usage or file errors).
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
        Description = "NDJSON files or patterns (*.json.gz, logs/**/*.json); repeatable",
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
        var cmd = new Command("check", "Would `bq load --source_format=NEWLINE_DELIMITED_JSON` of these files succeed? Exit 0 yes, 2 no.")
        { schema, files, maxBad, ignore, json, parallel, ahead };
        cmd.SetAction(pr => Guard(() =>
        {
            var s = TableSchema.Load(pr.GetValue(schema)!);
            var paths = FileGlob.Expand(pr.GetValue(files)!);
            if (paths.Count == 0) return Fail($"no files match {string.Join(" ", pr.GetValue(files)!)}");
            var asJson = pr.GetValue(json);
            var done = 0;
            var options = new LoadCheckOptions
            {
                MaxBadRecords = pr.GetValue(maxBad),
                IgnoreUnknownValues = pr.GetValue(ignore),
                DecompressAhead = pr.GetValue(ahead),
                Parallelism = pr.GetValue(parallel) is > 0 and var p ? p : Environment.ProcessorCount,
                Progress = Console.IsErrorRedirected ? null : e =>
                {
                    if (e.Finished) Console.Error.WriteLine($"[{Interlocked.Increment(ref done)}/{paths.Count}] {e.File}: {e.Rows} rows");
                },
            };
            var report = JsonLoadCheck.Validate(s, paths, options);
            Console.WriteLine(asJson ? report.ToJson(indented: true) : report.ToPlainText());
            return report.WouldFail ? 2 : 0;
        }));
        return cmd;
    }

    private static Command Infer()
    {
        var files = FilesOption();
        var json = new Option<bool>("--json") { Description = "print only the recommended schema in bq JSON" };
        var cmd = new Command("infer", "Simulate --autodetect (first 500 rows), show the rows that would then fail, and print the explicit schema every row fits. Exit 2 when autodetect would fail.")
        { files, json };
        cmd.SetAction(pr => Guard(() =>
        {
            var trap = AutodetectTrap.Run(pr.GetValue(files)!);
            Console.WriteLine(pr.GetValue(json) ? trap.Recommended.ToJson() : trap.ToPlainText());
            return trap.WouldFail ? 2 : 0;
        }));
        return cmd;
    }

    private static Command Route()
    {
        var config = new Option<string>("--config") { Description = "routing YAML (window, timeZone, meta, time, routes: hdfs/bucket/object)", Required = true };
        var output = new Option<string>("--out") { Description = "output directory laid out as bucket/object (default ./gcs-out)" };
        var inputs = new Argument<string[]>("INPUT") { Description = "application log files: hdfs path \\t meta... \\t JSON or LTSV", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("route", "Split application logs by hdfs path and time window into NDJSON .json.gz objects, as the gcs daemon of the log-loading pipeline does.")
        { config, output, inputs };
        cmd.SetAction(pr => Guard(() =>
        {
            var report = LogRouter.Run(RouteConfig.Load(pr.GetValue(config)!), pr.GetValue(inputs)!, pr.GetValue(output) ?? "gcs-out");
            Console.WriteLine(report.ToString());
            return report.ProblemCount > 0 ? 2 : 0;
        }));
        return cmd;
    }

    private static Command Sql()
    {
        var schema = SchemaOption();
        var table = new Option<string>("--table") { Description = "staging/external table holding each NDJSON line as one STRING (project.dataset.table)", Required = true };
        var column = new Option<string>("--column") { Description = "the STRING column holding the line (default: line)" };
        var uris = new Option<string[]>("--uris") { Description = "gs:// URIs: also print the CREATE EXTERNAL TABLE for them", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("sql", "Print GoogleSQL counting per-column SAFE_CAST failures over a raw-line staging table, to run the checks inside BigQuery.")
        { schema, table, column, uris };
        cmd.SetAction(pr => Guard(() =>
        {
            var s = TableSchema.Load(pr.GetValue(schema)!);
            var col = pr.GetValue(column) ?? "line";
            if (pr.GetValue(uris) is { Length: > 0 } u) Console.WriteLine(SafeCastSql.ExternalTableDdl(pr.GetValue(table)!, u, col) + "\n");
            Console.Write(SafeCastSql.Generate(s, pr.GetValue(table)!, col));
            return 0;
        }));
        return cmd;
    }

    private static Command Hygiene()
    {
        var inputs = new Argument<string[]>("FILE") { Description = "TSV, CSV or NDJSON files (.gz too)", Arity = ArgumentArity.OneOrMore };
        var noHeader = new Option<bool>("--no-header") { Description = "the first line is data, not column names" };
        var cmd = new Command("hygiene", "Find unescaped control characters, split records, invalid UTF-8 and Shift_JIS text. Exit 2 when anything is found.")
        { inputs, noHeader };
        cmd.SetAction(pr => Guard(() =>
        {
            var dirty = false;
            foreach (var f in FileGlob.Expand(pr.GetValue(inputs)!))
            {
                var r = TextHygiene.Scan(f, header: !pr.GetValue(noHeader));
                Console.WriteLine(r.ToString());
                dirty |= !r.Clean;
            }
            return dirty ? 2 : 0;
        }));
        return cmd;
    }

    private static Command Cost()
    {
        var schema = SchemaOption();
        var files = FilesOption();
        var prices = new Option<string>("--prices") { Description = "price table YAML (default: Tokyo, October 2019 prices)" };
        var cmd = new Command("cost", "Monthly storage cost: gzip in Cloud Storage classes vs logical/physical bytes in BigQuery.") { schema, files, prices };
        cmd.SetAction(pr => Guard(() =>
        {
            var report = JsonLoadCheck.Validate(TableSchema.Load(pr.GetValue(schema)!), pr.GetValue(files)!);
            var table = pr.GetValue(prices) is string p ? PriceTable.Load(p) : PriceTable.Tokyo2019;
            Console.WriteLine(StorageCost.FromCheck(report, table).ToString());
            return 0;
        }));
        return cmd;
    }

    private static int Guard(Func<int> run)
    {
        try { return run(); }
        catch (Exception e) when (e is FileNotFoundException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"ops bq: {message}");
        return 1;
    }
}
