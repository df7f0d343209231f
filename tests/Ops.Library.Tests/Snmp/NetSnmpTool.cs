using System.Diagnostics;

namespace Ops.Tests.Snmp;

/// <summary>Runs a net-snmp command-line tool with no MIBs loaded and returns its output lines.</summary>
internal static class NetSnmpTool
{
    public static IReadOnlyList<string> Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["MIBS"] = "";
        psi.Environment["MIBDIRS"] = "/nonexistent";
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000)) { p.Kill(true); throw new TimeoutException($"{tool} did not finish in 30 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        // Hex-STRING values continue on a second line; join them as the tool's own line.
        var lines = new List<string>();
        foreach (var line in stdout.Result.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (lines.Count > 0 && !line.StartsWith("iso.", StringComparison.Ordinal) && !line.StartsWith('.')) lines[^1] += "\n" + line;
            else lines.Add(line);
        }
        return lines;
    }
}
