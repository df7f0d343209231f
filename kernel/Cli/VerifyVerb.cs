using System.CommandLine;
using Ops.Kernel.Notebooks;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Cli;

/// <summary><c>ops verify NOTEBOOK|DIR</c>: re-executes and compares stored outputs. Exit 0 all match, 1 a difference (or a cell ended the process), 3 a notebook cannot be read.</summary>
internal static class VerifyVerb
{
    private const string CountedName = "--counted";

    public static Command Create()
    {
        var paths = new Argument<string[]>("notebook") { Description = "Notebooks (.ipynb, .dib) or directories holding them.", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds a single cell may run before it is cancelled." };
        var skip = FreshProcess.SkipOption();
        var counted = new Option<string?>(CountedName) { Hidden = true, Description = "PASSED/FAILED counted by the process that started this one." };
        var command = new Command("verify", "Re-execute notebooks and compare each cell's outputs with the stored ones (markers `// ops: ignore-output`, `// ops: raises`; sanitisers in ops-verify.yaml). Exit 1 on a difference, 3 when a notebook cannot be read. " +
            "A cell that does not stop when cancelled (--timeout) fails its notebook; its thread cannot be stopped, so the remaining notebooks are verified in a fresh ops process.")
        {
            paths, timeout, skip, counted,
        };
        command.SetAction((result, cancellationToken) => VerifyAsync(result, result.GetValue(paths)!, result.GetValue(timeout), result.GetValue(skip), result.GetValue(counted),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(ParseResult parse, string[] paths, double? timeoutSeconds, int skip, string? counted,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var worst = ExitCodes.Success;
        int passed = 0, failed = 0;
        if (counted?.Split('/') is [var p, var f] && int.TryParse(p, out var p0) && int.TryParse(f, out var f0)) (passed, failed) = (p0, f0);
        var items = NotebookPaths.ExpandAll(paths, emptyIsProblem: false);
        for (var position = skip; position < items.Count; position++)
        {
            var item = items[position];
            if (item.Problem is { } problem) { error.WriteLine($"ops verify: {problem}"); worst = ExitCodes.Worst(worst, ExitCodes.InputError); continue; }
            var file = item.Path!;
            VerifyResult result;
            try
            {
                // A cell that ends the process fails this notebook; the summary is still printed.
                var (passedSoFar, failedSoFar) = (passed, failed);
                void Ended(RunResult run)
                {
                    var cell = run.FirstFailure!;
                    output.WriteLine($"FAIL {file}: cell {cell.Index + 1}: {cell.ErrorMessage}");
                    output.WriteLine($"ops verify: {passedSoFar} passed, {failedSoFar + 1} failed");
                }
                result = await NotebookVerifier.VerifyAsync(file, timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null, error, Ended, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NotebookFormatException or ParameterException or IOException or FormatException)
            {
                error.WriteLine($"ops verify: {e.Message}");
                worst = ExitCodes.Worst(worst, ExitCodes.InputError);
                continue;
            }
            Report(output, result);
            if (result.Passed) passed++;
            else { failed++; worst = ExitCodes.Worst(worst, ExitCodes.Finding); }
            if (ScriptEngine.AbandonedRunning > 0 && position + 1 < items.Count)
                return ExitCodes.Worst(worst, await FreshProcess.ContinueAfterAbandonedAsync(parse, file, position + 1, items.Count, "are verified",
                    output, error, cancellationToken, (CountedName, $"{passed}/{failed}")).ConfigureAwait(false));
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
