using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ops.Kernel.Scripting;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Runs a notebook headless: parameters injected (all checked before anything runs), code cells
/// in order in one engine session with the notebook's directory as working directory, outputs
/// recorded as Jupyter outputs, a per-cell timeout that cancels through the engine, a stop at the
/// first error unless errors are allowed, provenance in the metadata, and the redaction pass.
/// </summary>
public static class NotebookRunner
{
    /// <exception cref="ParameterException">Parameters that do not apply; nothing has run.</exception>
    /// <exception cref="NotebookFormatException">Cells this engine cannot run (another language); nothing has run.</exception>
    public static async Task<RunResult> RunAsync(Notebook notebook, RunOptions options, CancellationToken cancellationToken = default)
    {
        var applied = ParameterInjection.Apply(notebook, options.Parameters);
        CheckLanguage(notebook);
        // Secret parameter values are redacted wherever they appear: written files, progress lines, logs.
        foreach (var a in applied.Where(a => a.IsSecret)) foreach (var value in SecretValues(a)) SecretRegistry.Register(value);

        var cells = notebook.Cells;
        var code = cells.Select((c, i) => (Cell: c, Index: i)).Where(x => x.Cell.IsCode).ToList();
        foreach (var (cell, _) in code)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }

        var start = DateTimeOffset.UtcNow;
        var runs = new List<CellRun>();
        var directory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        var host = new CellOutputs(options.DisplayPath ?? notebook.Path, new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal));
        var previousDirectory = Environment.CurrentDirectory;
        var stopped = false;
        try
        {
            // Relative paths in cells (data files) resolve against the notebook, as in Jupyter.
            Environment.CurrentDirectory = directory;
            using var engine = new ScriptEngine(new EngineOptions { WorkingDirectory = directory });
            // The session's start (the first Roslyn compile, seconds on a busy machine) is not the first cell's time.
            await engine.Ready.ConfigureAwait(false);
            var executionCount = 0;
            for (var n = 0; n < code.Count; n++)
            {
                var (cell, index) = code[n];
                if (stopped || cancellationToken.IsCancellationRequested)
                {
                    runs.Add(new CellRun(index, cell.Id, CellStatus.Skipped, TimeSpan.Zero));
                    continue;
                }
                var clock = Stopwatch.StartNew();
                var first = n;
                CellRun run;
                using (ProcessExitGuard.Watch(requested => EndedProcess(notebook, options, applied, runs, code, first, host, clock.Elapsed, requested, start, directory, previousDirectory)))
                    run = await RunCellAsync(engine, host, cell, index, ++executionCount, options, cancellationToken).ConfigureAwait(false);
                runs.Add(run);
                Report(options, cells.Count, index, run, cell);
                if (run.Status != CellStatus.Ok && !(options.AllowErrors && run.Status == CellStatus.Error)) stopped = true;
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }

        return Finish(notebook, options, applied, runs, start, directory);
    }

    private static RunResult Finish(Notebook notebook, RunOptions options, IReadOnlyList<ParameterInjection.Applied> applied, List<CellRun> runs,
        DateTimeOffset start, string directory)
    {
        var end = DateTimeOffset.UtcNow;
        RecordProvenance(notebook, options, applied, runs, start, end, directory);
        if (!options.Redact) return new RunResult(notebook, runs, 0);
        var scanner = new SecretScanner();
        foreach (var a in applied.Where(a => a.IsSecret)) foreach (var value in SecretValues(a)) scanner.AddLiteral(value);
        var redaction = NotebookRedaction.RedactAll(notebook, scanner);
        return new RunResult(notebook, runs, redaction.Count) { LeftInSource = redaction.Left };
    }

    private static IEnumerable<string> SecretValues(ParameterInjection.Applied a) =>
        a.Value is string[] items ? items : [Convert.ToString(ParameterValues.ToRecord(a.Parameter.Type, a.Value), CultureInfo.InvariantCulture) ?? ""];

    // The progress line's view of a cell: its first non-empty line, shortened.
    private static string FirstLine(string source)
    {
        foreach (var line in source.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length > 0) return t.Length > 60 ? t[..57] + "..." : t;
        }
        return "";
    }

    /// <summary>One progress line per code cell, numbered like every other message: the cell's position in the notebook; its source is shown redacted (console output is a CI log).</summary>
    private static void Report(RunOptions options, int cellCount, int index, CellRun run, NotebookCell cell) =>
        options.Progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[cell {index + 1}/{cellCount}] {Status(run.Status),-7} {run.Duration.TotalSeconds,6:0.00} s  {FirstLine(new SecretScanner().Redact(cell.Source, out _))}"));

    /// <summary>
    /// The cell at <paramref name="current"/> called Environment.Exit: it fails, the rest are skipped, and
    /// the run so far goes to <see cref="RunOptions.ProcessEnded"/> before the process ends.
    /// </summary>
    private static void EndedProcess(Notebook notebook, RunOptions options, IReadOnlyList<ParameterInjection.Applied> applied, List<CellRun> runs,
        List<(NotebookCell Cell, int Index)> code, int current, CellOutputs host, TimeSpan duration, int requested, DateTimeOffset start, string directory, string previousDirectory)
    {
        Environment.CurrentDirectory = previousDirectory;
        var (cell, index) = code[current];
        var message = $"cell {index + 1} ended the process (Environment.Exit({requested})); the run stops here. Return or throw instead of exiting.";
        host.Error("ProcessExit", message, [$"ProcessExit: {message}"]);
        var run = new CellRun(index, cell.Id, CellStatus.Error, duration, "ProcessExit", message);
        runs.Add(run);
        Report(options, notebook.Cells.Count, index, run, cell);
        for (var n = current + 1; n < code.Count; n++) runs.Add(new CellRun(code[n].Index, code[n].Cell.Id, CellStatus.Skipped, TimeSpan.Zero));
        options.ProcessEnded?.Invoke(Finish(notebook, options, applied, runs, start, directory));
    }

    private static async Task<CellRun> RunCellAsync(ScriptEngine engine, CellOutputs host, NotebookCell cell, int index, int executionCount,
        RunOptions options, CancellationToken cancellationToken)
    {
        host.Begin(cell.Outputs, index + 1);
        cell.ExecutionCount = executionCount;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.CellTimeout is { } limit) timeout.CancelAfter(limit);
        var clock = Stopwatch.StartNew();
        ExecutionResult result;
        try
        {
            result = await engine.ExecuteAsync(cell.Source, host, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine reports user errors in its result; this is the engine itself failing.
            result = ExecutionResult.Failed(e.GetType().Name, e.Message) with { Duration = clock.Elapsed };
        }
        var duration = clock.Elapsed;
        switch (result.Status)
        {
            case ExecutionStatus.Ok:
                if (result.Value is { } value) host.Result(value, executionCount);
                return new CellRun(index, cell.Id, CellStatus.Ok, duration);
            case ExecutionStatus.Cancelled when !cancellationToken.IsCancellationRequested && options.CellTimeout is { } allowed:
                var seconds = allowed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                var message = (
                    $"cell {index + 1} exceeded the timeout of {seconds} s and was cancelled" +
                    (result.Abandoned
                        ? $", but did not stop within {ScriptEngine.StuckGracePeriod.TotalSeconds:0} s: its thread cannot be stopped and keeps using CPU until this " +
                          "process ends (`ops run` goes on with the next notebook in a fresh process). Pass `Token` to blocking calls; "
                        : "; ") +
                    "raise --timeout or make the cell faster.");
                host.Error("CellTimeout", message, [$"CellTimeout: {message}"]);
                return new CellRun(index, cell.Id, CellStatus.Timeout, duration, "CellTimeout", message);
            case ExecutionStatus.Cancelled:
                var error = result.Error ?? new ExecutionError("OperationCanceledException", "the run was interrupted", []);
                host.Error(error.Name, error.Message, error.Traceback);
                return new CellRun(index, cell.Id, CellStatus.Cancelled, duration, error.Name, error.Message);
            default:
                var e = result.Error ?? new ExecutionError("Error", "the cell failed", []);
                host.Error(e.Name, e.Message, e.Traceback);
                return new CellRun(index, cell.Id, CellStatus.Error, duration, e.Name, e.Message);
        }
    }

    private static void CheckLanguage(Notebook notebook)
    {
        var language = (string?)notebook.Metadata["kernelspec"]?["language"] ?? (string?)notebook.Metadata["language_info"]?["name"];
        if (language is not null && !language.Equals("csharp", StringComparison.OrdinalIgnoreCase) && !language.Equals("C#", StringComparison.OrdinalIgnoreCase)
            && notebook.Metadata["polyglot_notebook"] is null)
            throw new NotebookFormatException(notebook.Path, null, null, $"this is a {language} notebook; ops runs C# notebooks (kernelspec language \"csharp\").");
        // Every such cell at once, by number, before anything runs.
        var others = notebook.Cells.Select((c, i) => (Cell: c, Number: i + 1)).Where(x => x.Cell.IsCode && !DibFormat.IsCSharp(x.Cell)).ToList();
        if (others.Count == 1)
            throw new NotebookFormatException(notebook.Path, others[0].Number - 1, others[0].Cell.Id, PolyglotLanguages.NotRunMessage(DibFormat.KernelOf(others[0].Cell)));
        if (others.Count > 1)
            throw new NotebookFormatException(notebook.Path, null, null,
                $"{string.Join(", ", others.Select(x => $"cell {x.Number} is {PolyglotLanguages.DisplayName(DibFormat.KernelOf(x.Cell))}"))}; ops runs C# cells only. " +
                "Run them in .NET Interactive, or turn them into markdown cells (`ops migrate NOTEBOOK` does that for a whole notebook).");
    }

    private static void RecordProvenance(Notebook notebook, RunOptions options, IReadOnlyList<ParameterInjection.Applied> applied,
        IReadOnlyList<CellRun> runs, DateTimeOffset start, DateTimeOffset end, string directory)
    {
        if (notebook.Metadata["ops"] is not JsonObject ops) notebook.Metadata["ops"] = ops = new JsonObject();
        var parameters = new JsonObject();
        foreach (var a in applied)
        {
            parameters[a.Parameter.Name] = a.IsSecret && options.Redact
                ? JsonValue.Create(SecretScanner.Marker(SecretKind.Parameter))
                : ParameterValues.ToRecord(a.Parameter.Type, a.Value) switch
                {
                    string s => JsonValue.Create(s),
                    bool b => JsonValue.Create(b),
                    int i => JsonValue.Create(i),
                    long l => JsonValue.Create(l),
                    double d => JsonValue.Create(d),
                    string[] items => new JsonArray(items.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
                    var other => JsonValue.Create(other.ToString()),
                };
        }
        if (applied.Count > 0) ops["parameters"] = parameters;
        else ops.Remove("parameters");

        var failure = runs.FirstOrDefault(r => r.Status is CellStatus.Error or CellStatus.Timeout or CellStatus.Cancelled);
        var run = new JsonObject
        {
            ["tool"] = "ops",
            ["version"] = Scripting.ProductVersion.Current,
            ["start"] = start.ToString("O", CultureInfo.InvariantCulture),
            ["end"] = end.ToString("O", CultureInfo.InvariantCulture),
            ["status"] = failure is null ? "ok" : Status(failure.Status),
            ["user"] = Environment.UserName,
            ["host"] = Environment.MachineName,
            ["notebook"] = options.DisplayPath ?? notebook.Path,
            ["redaction"] = options.Redact ? "on" : "off (--no-redact)",
        };
        if (failure is not null) run["failed_cell"] = failure.Index + 1;
        if (GitCommit(directory) is { } commit) run["git_commit"] = commit;
        run["cells"] = new JsonArray(runs.Select(r => (JsonNode?)new JsonObject
        {
            ["cell"] = r.Index + 1,
            ["id"] = r.Id,
            ["status"] = Status(r.Status),
            ["duration_seconds"] = Math.Round(r.Duration.TotalSeconds, 3),
        }).ToArray());
        ops["run"] = run;
    }

    private static string Status(CellStatus status) => status switch
    {
        CellStatus.Ok => "ok",
        CellStatus.Error => "error",
        CellStatus.Timeout => "timeout",
        CellStatus.Cancelled => "cancelled",
        _ => "skipped",
    };

    /// <summary>HEAD of the repository holding <paramref name="directory"/>, or null outside one (or without git).</summary>
    internal static string? GitCommit(string directory)
    {
        try
        {
            var psi = new ProcessStartInfo("git", ["-C", directory, "rev-parse", "HEAD"])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(psi);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEndAsync();
            if (!git.WaitForExit(5000)) { git.Kill(); return null; }
            var text = output.Result.Trim();
            return git.ExitCode == 0 && text.Length >= 40 ? text : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
