using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;

namespace Ops.Kernel.Cli;

/// <summary>
/// Continues an <c>ops run</c> or <c>ops verify</c> of several notebooks in a new ops process after a
/// cell was abandoned. .NET cannot stop the cell's thread; the notebooks after it must neither share
/// the CPU with it nor run beside whatever it still changes. The new process gets this command line
/// with <see cref="SkipOption"/> past the notebooks already done; its output is relayed, and this
/// process ends (and the thread with it) as soon as the new one does.
/// </summary>
internal static class FreshProcess
{
    public const string SkipName = "--skip-notebooks";

    /// <summary>Hidden: how many notebooks (and unreadable paths) of the command line an earlier process already did.</summary>
    public static Option<int> SkipOption() => new(SkipName) { Hidden = true, Description = "Notebooks already done by the process that started this one." };

    /// <summary>
    /// After <paramref name="file"/> (notebook <paramref name="done"/> of <paramref name="total"/>) left a
    /// cell running: says so, and continues the remaining notebooks in a new process; its exit code.
    /// <paramref name="continues"/> is what the verb does to them ("run", "are verified").
    /// </summary>
    public static Task<int> ContinueAfterAbandonedAsync(ParseResult parse, string file, int done, int total, string continues,
        TextWriter output, TextWriter error, CancellationToken cancellationToken, params (string Name, string Value)[] carried)
    {
        error.WriteLine($"ops {parse.CommandResult.Command.Name}: {file} left a cell running that cannot be stopped; the remaining {total - done} " +
                        $"notebook(s) {continues} in a fresh process, and this one exits when they are done.");
        return ContinueAsync(parse, done, output, error, cancellationToken, carried);
    }

    /// <summary>
    /// Runs the command line again past the first <paramref name="skip"/> notebooks, with the verb's
    /// own hidden <paramref name="carried"/> options (totals so far); returns its exit code.
    /// </summary>
    private static async Task<int> ContinueAsync(ParseResult parse, int skip, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        params (string Name, string Value)[] carried)
    {
        var psi = StartInfo();
        foreach (var a in Arguments(parse, [(SkipName, skip.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. carried])) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = psi.RedirectStandardError = psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        output.Flush();
        error.Flush();
        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {psi.FileName}");
        child.StandardInput.Close();
        var gate = new object();
        var relays = Task.WhenAll(Relay(child.StandardOutput, output, gate), Relay(child.StandardError, error, gate));
        try
        {
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            return 130;
        }
        await relays.ConfigureAwait(false);
        return child.ExitCode;
    }

    /// <summary>The tokens of <paramref name="parse"/> with the <paramref name="hidden"/> options (name, value) set right after the verb.</summary>
    internal static List<string> Arguments(ParseResult parse, IReadOnlyList<(string Name, string Value)> hidden)
    {
        var args = new List<string>();
        var inserted = false;
        var tokens = parse.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Option && hidden.Any(h => h.Name == tokens[i].Value)) { i++; continue; }
            args.Add(tokens[i].Value);
            if (!inserted && tokens[i].Type == TokenType.Command && tokens[i].Value == parse.CommandResult.Command.Name)
            {
                foreach (var (name, value) in hidden) args.AddRange([name, value]);
                inserted = true;
            }
        }
        return args;
    }

    /// <summary>This ops again: its apphost (installed tool, self-contained publish), or <c>dotnet ops.dll</c>.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var host = Environment.ProcessPath;
        var underDotnet = host != null && Path.GetFileNameWithoutExtension(host) == "dotnet";
        if (host != null && !underDotnet && System.Reflection.Assembly.GetEntryAssembly() == typeof(FreshProcess).Assembly)
            return new ProcessStartInfo(host);
        // Under `dotnet ops.dll`, or hosted by another program (a test runner): start ops.dll with dotnet.
        var psi = new ProcessStartInfo(underDotnet ? host! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        psi.ArgumentList.Add(typeof(FreshProcess).Assembly.Location);
        return psi;
    }

    private static async Task Relay(StreamReader from, TextWriter to, object gate)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            lock (gate) { to.Write(buffer, 0, n); to.Flush(); }
    }
}
