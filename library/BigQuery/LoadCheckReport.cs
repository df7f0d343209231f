using System.Globalization;
using System.Text;
using System.Text.Json;
using Ops.Display;

namespace Ops.BigQuery;

/// <summary>
/// What a load of these files would do: fail or succeed, how many bad records against
/// max_bad_records, and each problem with file, line, column path, value and rule.
/// </summary>
public sealed class LoadCheckReport : IMimeRenderable
{
    internal LoadCheckReport(IReadOnlyList<FileCheck> files, LoadCheckOptions options)
    {
        Files = files;
        MaxBadRecords = options.MaxBadRecords;
    }

    public IReadOnlyList<FileCheck> Files { get; }
    public long MaxBadRecords { get; }
    /// <summary>Problems about the job as a whole (mixed compression).</summary>
    public List<LoadProblem> JobProblems { get; } = new();

    public long Rows => Files.Sum(f => f.Rows);
    public long BadRecords => Files.Sum(f => f.BadRecords);
    public long FileBytes => Files.Sum(f => f.FileBytes);
    public long UncompressedBytes => Files.Sum(f => f.UncompressedBytes);
    public long LogicalBytes => Files.Sum(f => f.LogicalBytes);
    public bool WouldFail => BadRecords > MaxBadRecords || Files.Any(f => f.Fatal) || JobProblems.Any(p => p.Severity == Severity.Error);
    public IEnumerable<LoadProblem> Problems => JobProblems.Concat(Files.SelectMany(f => f.Problems));
    public IEnumerable<LoadProblem> Errors => Problems.Where(p => p.Severity == Severity.Error);

    /// <summary>Problem counts by rule over all files (not only the kept excerpts).</summary>
    public IReadOnlyDictionary<string, long> RuleCounts =>
        Files.SelectMany(f => f.RuleCounts).Concat(JobProblems.Select(p => KeyValuePair.Create(p.Rule, 1L)))
            .GroupBy(kv => kv.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    public string Verdict => WouldFail
        ? $"load would FAIL: {BadRecords} bad record(s) > max_bad_records {MaxBadRecords}" + (Files.Any(f => f.Fatal) || JobProblems.Count > 0 ? " or a file-level error" : "")
        : $"load would succeed: {Rows} rows, {BadRecords} bad record(s) <= max_bad_records {MaxBadRecords}";

    /// <summary>The contract of <c>ops bq check --json</c>: {wouldFail, badRecords, problems: [{file, line, path, rule, value}]}.</summary>
    public string ToJson(bool indented = false)
    {
        using var ms = new MemoryStream();
        // Relaxed escaping keeps Japanese text and quotes readable; consumers parse it as JSON, never as HTML.
        var writerOptions = new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(ms, writerOptions))
        {
            w.WriteStartObject();
            w.WriteBoolean("wouldFail", WouldFail);
            w.WriteNumber("badRecords", BadRecords);
            w.WriteNumber("maxBadRecords", MaxBadRecords);
            w.WriteNumber("rows", Rows);
            w.WriteStartArray("problems");
            foreach (var p in Problems)
            {
                w.WriteStartObject();
                w.WriteString("file", p.File);
                w.WriteNumber("line", p.Line);
                w.WriteString("path", p.Path);
                w.WriteString("rule", p.Rule);
                w.WriteString("value", p.Value);
                w.WriteString("severity", p.Severity == Severity.Error ? "error" : "warning");
                w.WriteString("detail", p.Explanation);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("ruleCounts");
            foreach (var (rule, n) in RuleCounts) w.WriteNumber(rule, n);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public Table ProblemTable(int maxRows = 50)
    {
        var t = new Table(new[] { new TableColumn("file"), new TableColumn("line", Alignment.Right), new TableColumn("path"), new TableColumn("rule"),
            new TableColumn("value"), new TableColumn("severity") }) { MaxRows = maxRows, Title = "problems" };
        foreach (var p in Problems) t.AddRow(Path.GetFileName(p.File), p.Line, p.Path, p.Rule, p.Value, p.Severity == Severity.Error ? "error" : "warning");
        return t;
    }

    public Table FileTable()
    {
        var t = new Table(new[] { new TableColumn("file"), new TableColumn("rows", Alignment.Right), new TableColumn("bad", Alignment.Right),
            new TableColumn("file bytes", Alignment.Right), new TableColumn("uncompressed", Alignment.Right), new TableColumn("logical", Alignment.Right) })
        { Title = "files" };
        foreach (var f in Files) t.AddRow(Path.GetFileName(f.File), f.Rows, f.BadRecords, f.FileBytes, f.UncompressedBytes, f.LogicalBytes);
        return t;
    }

    public string ToPlainText()
    {
        var sb = new StringBuilder(Verdict).Append('\n');
        foreach (var p in Problems.Take(50)) sb.Append(p).Append('\n');
        var hidden = Files.Sum(f => f.ProblemCount) + JobProblems.Count - Math.Min(50, Problems.Count());
        if (hidden > 0) sb.Append(hidden.ToString(CultureInfo.InvariantCulture)).Append(" more problems; counts by rule: ")
            .Append(string.Join(", ", RuleCounts.Select(kv => $"{kv.Key}={kv.Value}"))).Append('\n');
        return sb.ToString().TrimEnd();
    }

    public MimeBundle ToMimeBundle()
    {
        var html = new StringBuilder("<div class=\"ops-bq-check\"><p><b>").Append(Html.Escape(Verdict)).Append("</b></p>")
            .Append(FileTable().ToHtml());
        if (Problems.Any()) html.Append(ProblemTable().ToHtml());
        html.Append("</div>");
        return new MimeBundle(ToPlainText()).With(MimeTypes.Html, html.ToString()).With(MimeTypes.Json, ToJson());
    }

    public override string ToString() => ToPlainText();
}
