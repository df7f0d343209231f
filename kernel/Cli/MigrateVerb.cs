using System.CommandLine;
using Ops.Kernel.Notebooks;

namespace Ops.Kernel.Cli;

/// <summary><c>ops migrate NOTEBOOK [-o OUT]</c>: a Polyglot notebook (.dib or .NET Interactive .ipynb) as an ops notebook.</summary>
internal static class MigrateVerb
{
    public static Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "The Polyglot notebook (.dib, or .ipynb written by .NET Interactive)." };
        var output = new Option<string?>("--output", "-o") { Description = "The ops notebook to write (.ipynb; default: beside the notebook, NAME.ops.ipynb). An existing file is replaced." };
        var command = new Command("migrate",
            "Turn a Polyglot (.NET Interactive) notebook into an ops notebook: kernelspec ops-csharp, magics translated, " +
            "cells in other languages kept as markdown with a note, outputs dropped.")
        {
            path, output,
        };
        command.SetAction(pr => Run(pr.GetValue(path)!, pr.GetValue(output), pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string path, string? output, TextWriter stdout, TextWriter stderr)
    {
        var target = output ?? Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".ops.ipynb");
        if (!target.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
        {
            stderr.WriteLine($"ops migrate: {target}: the ops notebook must be a .ipynb file (it holds outputs; .dib cannot).");
            return ExitCodes.Usage;
        }
        if (Path.GetFullPath(target) == Path.GetFullPath(path))
        {
            stderr.WriteLine($"ops migrate: {target} is the notebook being migrated; choose another output with -o.");
            return ExitCodes.Usage;
        }
        Notebook source;
        try { source = Notebook.Load(path); }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ops migrate: {e.Message}");
            return ExitCodes.InputError;
        }
        var (notebook, report) = PolyglotMigration.Migrate(source, target);
        try { notebook.Save(target); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ops migrate: {target}: cannot write: {e.Message}");
            return ExitCodes.InputError;
        }
        stdout.WriteLine($"ops migrate: wrote {target}: {report.CSharpCells} C# cell{(report.CSharpCells == 1 ? "" : "s")}, " +
                         $"{report.TextCells} text cell{(report.TextCells == 1 ? "" : "s")}, {report.KeptAsMarkdown.Count} kept as markdown");
        foreach (var (cell, language) in report.KeptAsMarkdown)
            stdout.WriteLine($"  cell {cell}: {language}, kept as markdown with a note (ops runs C# only)");
        foreach (var (cell, line) in report.MagicsWithoutEquivalent)
            stdout.WriteLine($"  cell {cell}: commented out (no ops equivalent): {line}");
        return ExitCodes.Success;
    }
}
