using System.Diagnostics;

namespace Ops.Testing;

/// <summary>A program in a tmux pseudo-terminal: type keys, read the screen. Killed on dispose.</summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _name = "ops-test-" + Guid.NewGuid().ToString("N")[..8];

    public TmuxSession(string command, int width = 160, int height = 40, IDictionary<string, string>? environment = null)
    {
        var args = new List<string> { "new-session", "-d", "-s", _name, "-x", width.ToString(), "-y", height.ToString() };
        if (environment != null) foreach (var kv in environment) { args.Add("-e"); args.Add($"{kv.Key}={kv.Value}"); }
        args.Add(command);
        Tmux(args.ToArray());
    }

    /// <summary>Types literally. tmux reads an argument ending in ';' as a command separator, so that one is escaped.</summary>
    public void Type(string text) => Tmux("send-keys", "-t", _name, "-l", text.EndsWith(';') ? text[..^1] + "\\;" : text);
    public void Press(string key) => Tmux("send-keys", "-t", _name, key);

    public string Screen() => Tmux("capture-pane", "-t", _name, "-p");

    /// <summary>Waits until the screen contains the text; returns the last screen either way.</summary>
    public string WaitFor(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        string screen;
        do
        {
            screen = Screen();
            if (screen.Contains(text, StringComparison.Ordinal)) return screen;
            Thread.Sleep(100);
        } while (DateTime.UtcNow < until);
        return screen;
    }

    public bool IsAlive()
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "has-session", "-t", _name }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.WaitForExit(5000);
        return p.ExitCode == 0;
    }

    private static string Tmux(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(5000);
        return output;
    }

    public void Dispose()
    {
        try { Tmux("kill-session", "-t", _name); } catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }
}
