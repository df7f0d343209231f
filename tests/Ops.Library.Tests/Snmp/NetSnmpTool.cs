using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ops.Tests.Snmp;

/// <summary>Runs a net-snmp command-line tool and returns its output lines.</summary>
internal static partial class NetSnmpTool
{
    /// <summary>With no MIBs loaded (numeric and <c>iso.3.6...</c> output whatever the machine has installed).</summary>
    public static IReadOnlyList<string> Run(string tool, params string[] args) => Run(tool, noMibs: true, args);

    /// <summary>
    /// As a user runs it: the machine's default MIB path and list, plus <paramref name="mibDirectory"/>
    /// (<c>-M +DIR -m ALL</c>) when it exists.
    /// </summary>
    public static IReadOnlyList<string> RunWithMibs(string tool, string? mibDirectory, params string[] args) =>
        Run(tool, noMibs: false, mibDirectory is not null && Directory.Exists(mibDirectory) ? ["-M", "+" + mibDirectory, "-m", "ALL", .. args] : args);

    private static IReadOnlyList<string> Run(string tool, bool noMibs, string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (noMibs)
        {
            psi.Environment["MIBS"] = "";
            psi.Environment["MIBDIRS"] = "/nonexistent";
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000)) { p.Kill(true); throw new TimeoutException($"{tool} did not finish in 30 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        // Hex-STRING values continue on further lines; join them as the tool's own line.
        var lines = new List<string>();
        foreach (var line in stdout.Result.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (lines.Count > 0 && !BindingStart().IsMatch(line)) lines[^1] += "\n" + line;
            else lines.Add(line);
        }
        return lines;
    }

    [GeneratedRegex(@"^\S+ = ")]
    private static partial Regex BindingStart();
}
