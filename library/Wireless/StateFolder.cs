namespace Ops.Wireless;

/// <summary>
/// Where radar recovery keeps what must survive a restart: the pins (<c>wlc-radar-pins.json</c>) and
/// the change log (<c>wlc-changes.jsonl</c>). Default <c>$XDG_STATE_HOME/ops</c>, else
/// <c>~/.local/state/ops</c> (the XDG base directory rule), never the current directory.
/// </summary>
public sealed class StateFolder(string directory)
{
    public string Directory { get; } = directory;
    public string PinsPath => Path.Combine(Directory, "wlc-radar-pins.json");
    public string ChangeLogPath => Path.Combine(Directory, "wlc-changes.jsonl");

    public static StateFolder Default(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var xdg = environment("XDG_STATE_HOME");
        // The spec says a relative XDG_STATE_HOME is invalid and is ignored.
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return new StateFolder(Path.Combine(root, "ops"));
    }

    public PinState LoadPins() => PinState.Load(PinsPath);
    public ChangeLog ChangeLog(TextWriter? echo = null, TimeProvider? clock = null) => new(ChangeLogPath, echo, clock);

    public override string ToString() => Directory;
}
