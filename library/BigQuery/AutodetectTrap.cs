using System.Text;
using Ops.Display;

namespace Ops.BigQuery;

/// <summary>
/// Simulates <c>bq load --autodetect</c>: the schema BigQuery would guess from the first 500 rows,
/// the later rows that then fail under it (<c>version: "3.0"</c> then <c>"3.0.1"</c>, docs/background.md),
/// and the explicit schema, inferred over every row, to load with instead.
/// </summary>
public sealed class AutodetectTrap : IMimeRenderable
{
    public const int SampleRows = 500;

    private AutodetectTrap(TableSchema detected, TableSchema recommended, LoadCheckReport check, string sampleFile)
    {
        Detected = detected;
        Recommended = recommended;
        Check = check;
        SampleFile = sampleFile;
    }

    /// <summary>What autodetect guesses from the first 500 rows of the sampled file.</summary>
    public TableSchema Detected { get; }
    /// <summary>A schema every row fits: inference over all rows, conflicts widened (to FLOAT, STRING or JSON).</summary>
    public TableSchema Recommended { get; }
    /// <summary>The load under the detected schema.</summary>
    public LoadCheckReport Check { get; }
    /// <summary>BigQuery samples a random file; this simulation samples the first in sorted order.</summary>
    public string SampleFile { get; }

    /// <summary>Columns whose detected type differs from the one every row fits.</summary>
    public IEnumerable<(string Column, string Detected, string Needed)> Changes =>
        Detected.Leaves().Join(Recommended.Leaves(), d => d.Path, r => r.Path, (d, r) => (d.Path, d.Field, r.Field), StringComparer.OrdinalIgnoreCase)
            .Where(x => x.Item2.Type != x.Item3.Type || x.Item2.Mode != x.Item3.Mode)
            .Select(x => (x.Path, x.Item2.ToString(), x.Item3.ToString()));

    public bool WouldFail => Check.WouldFail;

    public static AutodetectTrap Run(IEnumerable<string> files, LoadCheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        var paths = FileGlob.Expand(files);
        if (paths.Count == 0) throw new FileNotFoundException($"no files match {string.Join(", ", files)}");
        var sample = SchemaInference.FromFile(paths[0], SampleRows, cancellationToken);
        if (sample.Rows == 0)
            throw new InvalidDataException(sample.FirstSkippedLine is long bad
                ? $"{paths[0]}:{bad}: not a JSON object row; autodetect needs newline-delimited JSON objects ({sample.Skipped} such line(s) in the sample)"
                : $"{paths[0]}: no rows; autodetect needs newline-delimited JSON objects");
        var detected = sample.ToSchema();
        var all = new SchemaInference();
        foreach (var p in paths)
        {
            using var s = NdjsonFile.Open(p);
            using var lines = new LineReader(s, 100L << 20);
            while (lines.TryReadLine(out var line, out var oversized))
                if (oversized == 0 && !line.Trim(" \t"u8).IsEmpty) all.Add(line);
        }
        var check = JsonLoadCheck.Validate(detected, paths, options, cancellationToken);
        return new AutodetectTrap(detected, all.ToSchema(), check, paths[0]);
    }

    public Table ChangeTable()
    {
        var t = new Table("column", "autodetect (first 500 rows)", "needed by all rows") { Title = "columns autodetect gets wrong" };
        foreach (var (c, d, n) in Changes) t.AddRow(c, d, n);
        return t;
    }

    public string ToPlainText()
    {
        var sb = new StringBuilder();
        sb.Append("autodetect sampled ").Append(Path.GetFileName(SampleFile)).Append(": ").Append(Check.Verdict).Append('\n');
        if (Changes.Any()) sb.Append(ChangeTable().ToPlainText()).Append('\n');
        foreach (var p in Check.Errors.Take(10)) sb.Append(p).Append('\n');
        sb.Append("explicit schema to load with (bq load --schema):\n").Append(Recommended.ToJson());
        return sb.ToString();
    }

    public MimeBundle ToMimeBundle()
    {
        var html = new StringBuilder("<div><p><b>").Append(Html.Escape($"autodetect sampled {Path.GetFileName(SampleFile)}: {Check.Verdict}")).Append("</b></p>");
        if (Changes.Any()) html.Append(ChangeTable().ToHtml());
        if (Check.Errors.Any()) html.Append(Check.ProblemTable(10).ToHtml());
        html.Append("<p>explicit schema to load with:</p><pre>").Append(Html.Escape(Recommended.ToJson())).Append("</pre></div>");
        return new MimeBundle(ToPlainText()).With(MimeTypes.Html, html.ToString());
    }

    public override string ToString() => ToPlainText();
}
