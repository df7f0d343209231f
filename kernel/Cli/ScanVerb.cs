using System.CommandLine;
using Ops.Kernel.Notebooks;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops scan PATH...</c>: reports secrets as <c>file:cell:line:kind</c> without printing them.
/// Exit 0 clean, 1 secrets found (so it works as a pre-commit hook), 3 a path cannot be read.
/// </summary>
internal static class ScanVerb
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or directories (notebooks are scanned per cell: source, outputs, metadata).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("scan", "Find secrets (AWS keys, passwords in connection strings and URLs, Authorization headers, private keys) in notebooks and files; exit 1 when any, 3 when a path cannot be read.")
        {
            paths,
        };
        command.SetAction(result => Scan(result.GetValue(paths)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Scan(string[] paths, TextWriter output, TextWriter error)
    {
        var count = 0;
        var unreadable = false;
        var tally = new SecretScan.Tally();
        try
        {
            foreach (var file in SecretScan.Files(paths))
            {
                IReadOnlyList<SecretScan.Finding> findings;
                try { findings = SecretScan.ScanFile(file, tally); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    error.WriteLine($"ops scan: {file}: cannot read: {e.Message}");
                    unreadable = true;
                    continue;
                }
                foreach (var f in findings) output.WriteLine(f);
                count += findings.Count;
            }
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"ops scan: {e.Message}");
            return ExitCodes.InputError;
        }
        error.WriteLine($"ops scan: {tally}");
        if (count > 0)
        {
            error.WriteLine($"ops scan: {count} secret{(count == 1 ? "" : "s")} found. Remove them (use Secret.FromEnv(\"NAME\") in cells; `ops run` redacts outputs), or rewrite the history if already committed.");
            return ExitCodes.Finding;
        }
        return unreadable ? ExitCodes.InputError : ExitCodes.Success;
    }
}
