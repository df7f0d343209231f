using System.CommandLine;
using Ops.Kernel.Notebooks;
using Ops.Secrets;

namespace Ops.Kernel.Cli;

/// <summary><c>ops export NOTEBOOK --html [-o FILE]</c>: one self-contained, script-free HTML page (redacted).</summary>
internal static class ExportVerb
{
    public static Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "The notebook (.ipynb or .dib) to export." };
        var html = new Option<bool>("--html") { Description = "Export as one self-contained HTML file (the only format)." };
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write (default: beside the notebook, .html)." };
        var noRedact = new Option<bool>("--no-redact") { Description = "Keep secrets in the page (redaction is on by default)." };
        var command = new Command("export", "Export a notebook as one self-contained HTML page for a postmortem (no scripts, no external requests).")
        {
            path, html, output, noRedact,
        };
        command.SetAction(result => Export(result.GetValue(path)!, result.GetValue(html), result.GetValue(output), result.GetValue(noRedact), result.InvocationConfiguration.Error));
        return command;
    }

    private static int Export(string path, bool html, string? output, bool noRedact, TextWriter error)
    {
        if (!html)
        {
            error.WriteLine("ops export: choose a format: --html (the only one for now).");
            return ExitCodes.Usage;
        }
        try
        {
            var notebook = Notebook.Load(path);
            var redactions = noRedact ? 0 : NotebookRedaction.Redact(notebook, new SecretScanner());
            var target = output ?? Path.ChangeExtension(path, ".html");
            AtomicFile.WriteAllText(target, NotebookHtml.Render(notebook));
            error.WriteLine(noRedact
                ? $"ops export: wrote {target} (redaction OFF)"
                : $"ops export: wrote {target}; {redactions} secret{(redactions == 1 ? "" : "s")} redacted");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ops export: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
