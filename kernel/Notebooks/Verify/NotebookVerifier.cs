using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ops.Display;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// nbval for our notebooks: re-executes a notebook and compares each code cell's fresh outputs
/// with the stored ones, per mime type (text/plain, text/html, image/svg+xml, application/json),
/// after normalising line ends, trailing whitespace and display ids and applying the regex
/// sanitisers of <c>ops-verify.yaml</c>. <c>// ops: ignore-output</c> (tag <c>ignore-output</c>)
/// skips a cell's comparison; <c>// ops: raises</c> (tag <c>raises-exception</c>) expects an error.
/// Provenance metadata is never compared.
/// </summary>
public static partial class NotebookVerifier
{
    public const string IgnoreOutputTag = "ignore-output";
    public const string RaisesTag = "raises-exception";
    private static readonly string[] ComparedMimes = [MimeTypes.PlainText, MimeTypes.Html, MimeTypes.Svg, MimeTypes.Json];

    public static Task<VerifyResult> VerifyAsync(string path, TimeSpan? cellTimeout = null, TextWriter? progress = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(path, cellTimeout, progress, null, cancellationToken);

    /// <param name="processEnded">Called when a cell ends the process (see <see cref="RunOptions.ProcessEnded"/>).</param>
    public static async Task<VerifyResult> VerifyAsync(string path, TimeSpan? cellTimeout, TextWriter? progress, Action<RunResult>? processEnded,
        CancellationToken cancellationToken = default)
    {
        var stored = Notebook.Load(path);
        var settings = VerifySettings.For(path);
        var fresh = Notebook.Parse(File.ReadAllText(path), path);
        var parameters = RecordedParameters(stored, out var unreproducible);
        // Raising cells are expected, so the run goes on after errors; each is judged below.
        var run = await NotebookRunner.RunAsync(fresh, new RunOptions
        {
            Parameters = parameters,
            AllowErrors = true,
            CellTimeout = cellTimeout,
            Progress = progress,
            ProcessEnded = processEnded,
        }, cancellationToken).ConfigureAwait(false);

        var scanner = new SecretScanner();
        var hasStoredOutputs = stored.Format == NotebookFileFormat.Ipynb;
        var storedById = stored.Cells.Where(c => c.IsCode && c.Id is not null).ToDictionary(c => c.Id!, StringComparer.Ordinal);
        var storedCode = stored.Cells.Where(c => c.IsCode).ToList();
        var freshCells = run.Notebook.Cells;
        var verdicts = new List<CellVerdict>();
        var codeIndex = 0;
        foreach (var cellRun in run.Cells)
        {
            var cell = freshCells[cellRun.Index];
            var old = cell.Id is not null && storedById.TryGetValue(cell.Id, out var byId) ? byId : codeIndex < storedCode.Count ? storedCode[codeIndex] : null;
            codeIndex++;
            verdicts.Add(Judge(cell, cellRun, old, hasStoredOutputs, settings, scanner));
        }
        string? note = null;
        if (!hasStoredOutputs) note = ".dib files hold no outputs: checked that every cell runs (errors only where marked `// ops: raises`).";
        if (unreproducible.Count > 0) note = $"secret parameters {string.Join(", ", unreproducible)} were redacted when stored and ran with their defaults.";
        return new VerifyResult(path, verdicts, note);
    }

    private static CellVerdict Judge(NotebookCell cell, CellRun run, NotebookCell? stored, bool compareOutputs, VerifySettings settings, SecretScanner scanner)
    {
        var source = cell.Source;
        var raises = cell.HasTag(RaisesTag) || Marker(source, "raises");
        var ignore = cell.HasTag(IgnoreOutputTag) || Marker(source, "ignore-output");
        CellVerdict Fail(string reason, string? diff = null) =>
            new(run.Index, cell.Id, cell.FirstLine, false, scanner.Redact(reason, out _), diff is null ? null : scanner.Redact(diff, out _));

        if (run.Status == CellStatus.Skipped) return new CellVerdict(run.Index, cell.Id, cell.FirstLine, true, "not run (an earlier cell stopped the run)", Skipped: true);
        if (run.Status is CellStatus.Timeout or CellStatus.Cancelled) return Fail($"{run.ErrorName}: {run.ErrorMessage}");
        if (raises && run.Status != CellStatus.Error) return Fail("expected an exception (`// ops: raises` / tag raises-exception) but the cell completed.");
        if (!raises && run.Status == CellStatus.Error) return Fail($"raised {run.ErrorName}: {run.ErrorMessage}");
        if (ignore || !compareOutputs) return new CellVerdict(run.Index, cell.Id, cell.FirstLine, true);
        if (stored is null) return Fail("the cell is not in the stored notebook.");

        var expected = Comparable(stored.Outputs, settings, raises);
        var actual = Comparable(cell.Outputs, settings, raises);
        if (expected == actual) return new CellVerdict(run.Index, cell.Id, cell.FirstLine, true);
        return Fail(expected.Length == 0 ? "no outputs are stored for this cell (run it with `ops run` and commit the result)." : "outputs differ from the stored ones.",
            TextDiff.Unified(expected, actual));
    }

    /// <summary>The outputs as one normalised text: a header per output and mime type, then its content.</summary>
    internal static string Comparable(JsonArray outputs, VerifySettings settings, bool raises)
    {
        var sb = new StringBuilder();
        string? streamName = null;
        var stream = new StringBuilder();
        void FlushStream()
        {
            if (streamName is null) return;
            Append(sb, $"[{streamName}]", stream.ToString(), settings);
            streamName = null;
            stream.Clear();
        }
        foreach (var output in outputs.OfType<JsonObject>())
        {
            var type = (string?)output["output_type"];
            if (type == "stream")
            {
                var name = (string?)output["name"] ?? "stdout";
                if (streamName != name) FlushStream();
                streamName = name;
                stream.Append(NotebookCell.JoinText(output["text"]));
                continue;
            }
            FlushStream();
            switch (type)
            {
                case "error":
                    // Tracebacks hold paths and line numbers of the machine that ran them: compare what was raised.
                    Append(sb, "[error]", raises ? $"{output["ename"]}" : $"{output["ename"]}: {output["evalue"]}", settings);
                    break;
                case "display_data" or "execute_result":
                    if (output["data"] is not JsonObject data) break;
                    foreach (var mime in ComparedMimes)
                    {
                        if (data[mime] is not { } value) continue;
                        var text = MimeTypes.IsJson(mime) ? Canonical(value) : NotebookCell.JoinText(value);
                        Append(sb, $"[{(type == "execute_result" ? "result" : "display")} {mime}]", text, settings);
                    }
                    break;
            }
        }
        FlushStream();
        return sb.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder sb, string header, string text, VerifySettings settings) =>
        sb.Append(header).Append('\n').Append(Normalise(text, settings)).Append('\n');

    /// <summary>Line ends, ANSI colours, display ids and trailing whitespace removed; sanitisers applied.</summary>
    internal static string Normalise(string text, VerifySettings settings)
    {
        text = NotebookHtml.StripAnsi(text.Replace("\r\n", "\n").Replace('\r', '\n'));
        text = DisplayId().Replace(text, "${name}=\"<display-id>\"");
        text = settings.Sanitize(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd());
        return string.Join('\n', lines).TrimEnd('\n');
    }

    private static string Canonical(JsonNode node)
    {
        static JsonNode? Sort(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
            null => null,
            _ => JsonNode.Parse(n.ToJsonString()),
        };
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            try { node = JsonNode.Parse(s) ?? node; } catch (JsonException) { return s; }
        }
        return Sort(node)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
    }

    private static bool Marker(string source, string marker) =>
        source.Split('\n').Any(line => line.Trim().Equals($"// ops: {marker}", StringComparison.Ordinal));

    private static Dictionary<string, ParameterInput> RecordedParameters(Notebook stored, out List<string> unreproducible)
    {
        unreproducible = [];
        var result = new Dictionary<string, ParameterInput>(StringComparer.Ordinal);
        if (stored.Metadata["ops"]?["parameters"] is not JsonObject recorded) return result;
        foreach (var (name, value) in recorded)
        {
            switch (value)
            {
                case JsonArray items:
                    result[name] = ParameterInput.FromList(items.Select(i => i is JsonValue iv && iv.TryGetValue<string>(out var s) ? s : i?.ToJsonString() ?? "").ToList(), "recorded");
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    if (s.StartsWith("[REDACTED:", StringComparison.Ordinal)) unreproducible.Add(name);
                    else result[name] = ParameterInput.FromText(s, "recorded");
                    break;
                case JsonValue v:
                    result[name] = ParameterInput.FromText(v.ToJsonString(), "recorded");
                    break;
            }
        }
        return result;
    }

    // Ids the display model generates (32 hex digits) in id="..." attributes of HTML and SVG.
    [GeneratedRegex(@"(?<name>\bid|data-display-id)=""[^""]*[0-9a-f]{32}[^""]*""")]
    private static partial Regex DisplayId();
}
