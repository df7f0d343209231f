using System.CommandLine;
using Ops.Kernel.Notebooks;

namespace Ops.Kernel.Cli;

/// <summary><c>ops verify NOTEBOOK|DIR</c>: re-executes and compares stored outputs. Exit 0 all match, 2 a mismatch, 1 I/O errors.</summary>
internal static class VerifyVerb
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("notebook") { Description = "Notebooks (.ipynb, .dib) or directories holding them.", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds a single cell may run before it is cancelled." };
        var command = new Command("verify", "Re-execute notebooks and compare each cell's outputs with the stored ones (markers `// ops: ignore-output`, `// ops: raises`; sanitisers in ops-verify.yaml).")
        {
            paths, timeout,
        };
        command.SetAction((result, cancellationToken) => VerifyAsync(result.GetValue(paths)!, result.GetValue(timeout), cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(string[] paths, double? timeoutSeconds, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        var worst = 0;
        int passed = 0, failed = 0;
        foreach (var path in paths)
        {
            IReadOnlyList<(string Path, string Relative)> notebooks;
            try { notebooks = NotebookPaths.Expand(path); }
            catch (FileNotFoundException e) { Console.Error.WriteLine($"ops verify: {e.Message}"); worst = Math.Max(worst, 1); continue; }
            foreach (var (file, _) in notebooks)
            {
                VerifyResult result;
                try
                {
                    result = await NotebookVerifier.VerifyAsync(file, timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null, Console.Error, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is NotebookFormatException or ParameterException or IOException or FormatException)
                {
                    Console.Error.WriteLine($"ops verify: {e.Message}");
                    worst = Math.Max(worst, 1);
                    continue;
                }
                Report(output, result);
                if (result.Passed) passed++;
                else { failed++; worst = Math.Max(worst, 2); }
            }
        }
        output.WriteLine($"ops verify: {passed} passed, {failed} failed");
        return worst;
    }

    private static void Report(TextWriter output, VerifyResult result)
    {
        output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {result.Path} ({result.Cells.Count} code cells{(result.Passed ? "" : $", {result.Failures} differ")})");
        if (result.Note is not null) output.WriteLine($"  note: {result.Note}");
        foreach (var cell in result.Cells.Where(c => !c.Passed))
        {
            output.WriteLine($"  cell {cell.Index + 1}{(cell.Id is null ? "" : $" (id {cell.Id})")}: {cell.FirstLine}");
            output.WriteLine($"    {cell.Reason}");
            if (cell.Diff is { Length: > 0 } diff)
            {
                output.WriteLine("    --- stored");
                output.WriteLine("    +++ actual");
                foreach (var line in diff.TrimEnd('\n').Split('\n')) output.WriteLine("    " + line);
            }
        }
    }
}
