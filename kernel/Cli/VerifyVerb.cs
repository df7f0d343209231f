using System.CommandLine;
using Ops.Kernel.Notebooks;

namespace Ops.Kernel.Cli;

/// <summary><c>ops verify NOTEBOOK|DIR</c>: re-executes and compares stored outputs. Exit 0 all match, 1 a difference (or a cell ended the process), 3 a notebook cannot be read.</summary>
internal static class VerifyVerb
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("notebook") { Description = "Notebooks (.ipynb, .dib) or directories holding them.", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds a single cell may run before it is cancelled." };
        var command = new Command("verify", "Re-execute notebooks and compare each cell's outputs with the stored ones (markers `// ops: ignore-output`, `// ops: raises`; sanitisers in ops-verify.yaml). Exit 1 on a difference, 3 when a notebook cannot be read.")
        {
            paths, timeout,
        };
        command.SetAction((result, cancellationToken) => VerifyAsync(result.GetValue(paths)!, result.GetValue(timeout),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(string[] paths, double? timeoutSeconds, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var worst = ExitCodes.Success;
        int passed = 0, failed = 0;
        foreach (var path in paths)
        {
            IReadOnlyList<(string Path, string Relative)> notebooks;
            try { notebooks = NotebookPaths.Expand(path); }
            catch (FileNotFoundException e) { error.WriteLine($"ops verify: {e.Message}"); worst = ExitCodes.InputError; continue; }
            foreach (var (file, _) in notebooks)
            {
                VerifyResult result;
                try
                {
                    // A cell that ends the process fails this notebook; the summary is still printed.
                    var (passedSoFar, failedSoFar, path0) = (passed, failed, file);
                    void Ended(RunResult run)
                    {
                        var cell = run.FirstFailure!;
                        output.WriteLine($"FAIL {path0}: cell {cell.Index + 1}: {cell.ErrorMessage}");
                        output.WriteLine($"ops verify: {passedSoFar} passed, {failedSoFar + 1} failed");
                    }
                    result = await NotebookVerifier.VerifyAsync(file, timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null, error, Ended, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is NotebookFormatException or ParameterException or IOException or FormatException)
                {
                    error.WriteLine($"ops verify: {e.Message}");
                    worst = ExitCodes.InputError;
                    continue;
                }
                Report(output, result);
                if (result.Passed) passed++;
                else { failed++; if (worst == ExitCodes.Success) worst = ExitCodes.Finding; }
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
