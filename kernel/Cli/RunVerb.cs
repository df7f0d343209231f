using System.CommandLine;
using System.Globalization;
using Ops.Kernel.Notebooks;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops run NOTEBOOK|DIR</c>: executes notebooks headless with parameters and writes the
/// executed, redacted notebook (and HTML) under --output. Exit codes from <see cref="ExitCodes"/>:
/// 1 a cell failed or ended the process (the executed notebook is still written), 2 usage or
/// parameter errors, 3 a notebook cannot be read or written.
/// </summary>
internal static class RunVerb
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("notebook") { Description = "Notebooks (.ipynb, .dib) or directories holding them.", Arity = ArgumentArity.OneOrMore };
        var parameter = new Option<string[]>("--parameter", "-p") { Description = "name=value for a parameter declared in the cell tagged `parameters` (repeatable).", AllowMultipleArgumentsPerToken = false };
        var parameterFile = new Option<FileInfo?>("--parameters") { Description = "YAML mapping of parameter names to values (lists for string[]); -p wins." };
        var output = new Option<string>("--output", "-o") { Description = "Directory for the executed notebooks.", DefaultValueFactory = _ => "out" };
        var html = new Option<bool>("--html") { Description = "Also write an HTML page beside each executed notebook (always on for directories)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds a single cell may run before it is cancelled." };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run every cell even after one fails (exit code is still 1)." };
        var noRedact = new Option<bool>("--no-redact") { Description = "Write secrets as they are (redaction is on by default)." };
        var skip = FreshProcess.SkipOption();

        var command = new Command("run", "Execute notebooks headless with parameters; write the executed notebook (redacted) and optionally HTML. " +
            "Exit 1 when a cell fails, 2 on usage or parameter errors, 3 when a notebook cannot be read or written. " +
            "A cell that does not stop when cancelled (--timeout, Ctrl+C) fails its notebook after a 2 s grace; its thread cannot be stopped, " +
            "so the remaining notebooks run in a fresh ops process and this one exits when they are done.")
        {
            paths, parameter, parameterFile, output, html, timeout, allowErrors, noRedact, skip,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result,
            result.GetValue(paths)!, result.GetValue(parameter) ?? [], result.GetValue(parameterFile), result.GetValue(output)!,
            result.GetValue(html), result.GetValue(timeout), result.GetValue(allowErrors), result.GetValue(noRedact), result.GetValue(skip),
            result.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string[] paths, string[] assignments, FileInfo? parameterFile, string output, bool html,
        double? timeoutSeconds, bool allowErrors, bool noRedact, int skip, TextWriter stderr, CancellationToken cancellationToken)
    {
        Dictionary<string, ParameterInput> parameters;
        try
        {
            parameters = parameterFile is null ? new(StringComparer.Ordinal) : ParameterFile.Load(parameterFile.FullName);
            foreach (var a in assignments)
            {
                var (name, value) = ParameterFile.ParseAssignment(a);
                parameters[name] = value;
            }
        }
        catch (ParameterException e)
        {
            stderr.WriteLine($"ops run: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"ops run: {e.Message}");
            return ExitCodes.InputError;
        }
        if (timeoutSeconds is <= 0 or double.NaN)
        {
            stderr.WriteLine("ops run: --timeout must be a positive number of seconds.");
            return ExitCodes.Usage;
        }

        var worst = ExitCodes.Success;
        var items = NotebookPaths.ExpandAll(paths);
        for (var position = skip; position < items.Count; position++)
        {
            var item = items[position];
            if (item.Problem is { } problem) { stderr.WriteLine($"ops run: {problem}"); worst = ExitCodes.Worst(worst, ExitCodes.InputError); continue; }
            if (cancellationToken.IsCancellationRequested) return 130;
            var target = Path.Combine(output, Path.ChangeExtension(item.Relative!, ".ipynb"));
            var code = await RunOneAsync(item.Path!, target, html || item.FromDirectory, new RunOptions
            {
                Parameters = parameters,
                CellTimeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
                AllowErrors = allowErrors,
                Redact = !noRedact,
                Progress = stderr,
            }, stderr, cancellationToken).ConfigureAwait(false);
            worst = ExitCodes.Worst(worst, code);
            if (ScriptEngine.AbandonedRunning > 0 && position + 1 < items.Count)
                return ExitCodes.Worst(worst, await FreshProcess.ContinueAfterAbandonedAsync(parse, item.Path!, position + 1, items.Count, "run",
                    parse.InvocationConfiguration.Output, stderr, cancellationToken).ConfigureAwait(false));
            // The notebook's session is gone: collect it before the next notebook allocates, or
            // the peaks stack (peak RSS over the five bundled notebooks about 275 -> 235 MB).
            ScriptEngine.ReleaseMemory();
        }
        return worst;
    }

    internal static async Task<int> RunOneAsync(string file, string target, bool html, RunOptions options, TextWriter stderr, CancellationToken cancellationToken)
    {
        Notebook notebook;
        try { notebook = Notebook.Load(file); }
        catch (Exception e) when (e is NotebookFormatException or IOException) { stderr.WriteLine($"ops run: {e.Message}"); return ExitCodes.InputError; }

        stderr.WriteLine($"ops run: {file}");
        RunResult result;
        // A cell that calls Environment.Exit still gets its notebook written and its summary printed.
        options = options with { ProcessEnded = ended => Write(file, ended, target, html, options.Redact, stderr) };
        try { result = await NotebookRunner.RunAsync(notebook, options, cancellationToken).ConfigureAwait(false); }
        catch (ParameterException e)
        {
            stderr.WriteLine($"ops run: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (NotebookFormatException e)
        {
            stderr.WriteLine($"ops run: {e.Message}");
            return ExitCodes.InputError;
        }
        return Write(file, result, target, html, options.Redact, stderr);
    }

    /// <summary>Writes the executed notebook (and HTML) and prints the one-line summary; returns the exit code.</summary>
    private static int Write(string file, RunResult result, string target, bool html, bool redact, TextWriter stderr)
    {
        try
        {
            result.Notebook.Save(target);
            if (html) AtomicFile.WriteAllText(Path.ChangeExtension(target, ".html"), NotebookHtml.Render(result.Notebook));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ops run: cannot write {target}: {e.Message}");
            return ExitCodes.InputError;
        }

        if (redact) stderr.WriteLine($"ops run: {result.Redactions} secret{(result.Redactions == 1 ? "" : "s")} redacted");
        else stderr.WriteLine("ops run: redaction is OFF (--no-redact): the written notebook may contain secrets");
        foreach (var left in result.LeftInSource)
            stderr.WriteLine($"ops run: {file}: cell {left.Cell} line {left.Line}: a {left.Kind} secret in code outside a string or comment was left in the source " +
                             "(redacting it would break the code); move it out (Secret.FromEnv(\"NAME\")): `ops scan` fails on this notebook.");
        var ran = result.Cells.Count(c => c.Status != CellStatus.Skipped);
        if (result.FirstFailure is { } failure)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ops run: FAILED at cell {failure.Index + 1}: {failure.ErrorName}: {Firstline(failure.ErrorMessage)} ({ran}/{result.Cells.Count} code cells ran); written to {target}"));
            return ExitCodes.Finding;
        }
        stderr.WriteLine($"ops run: ok, {ran} code cells; written to {target}{(html ? " (+ .html)" : "")}");
        return ExitCodes.Success;
    }

    private static string Firstline(string? text) => (text ?? "").Split('\n')[0];
}
