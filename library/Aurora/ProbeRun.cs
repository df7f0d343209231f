using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ops.Aurora;

/// <summary>
/// A recorded probe run (one trial): both loops' attempts plus what was probed. Saved as JSON by
/// <c>ops aurora probe --out</c> and read back by <see cref="Load"/> for analysis.
/// </summary>
public sealed record ProbeRun
{
    public string Label { get; init; } = "";
    /// <summary>Free text naming the configuration under test ("aurora endpoints", "mydns checker").</summary>
    public string Configuration { get; init; } = "";
    public string WriterEndpoint { get; init; } = "";
    public string ReaderEndpoint { get; init; } = "";
    public string WriterStatement { get; init; } = "";
    public string ReaderStatement { get; init; } = "";
    public double IntervalMs { get; init; }
    public double ConnectTimeoutMs { get; init; }
    public bool Pooled { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public List<ProbeAttempt> Attempts { get; init; } = [];

    public IEnumerable<ProbeAttempt> Of(ProbeRole role) => Attempts.Where(a => a.Role == role).OrderBy(a => a.ScheduledAt).ThenBy(a => a.Sequence);

    [JsonIgnore]
    public TimeSpan Interval => TimeSpan.FromMilliseconds(IntervalMs);

    /// <summary>Share of attempts that started later than a quarter interval (at least 10 ms) after their schedule.</summary>
    [JsonIgnore]
    public double LateStartFraction
    {
        get
        {
            if (Attempts.Count == 0) return 0;
            var limit = TimeSpan.FromMilliseconds(Math.Max(10, IntervalMs / 4));
            return Attempts.Count(a => a.Lateness > limit) / (double)Attempts.Count;
        }
    }

    /// <summary>Chart data: every attempt of a role as (seconds since start, outcome, latency).</summary>
    public IReadOnlyList<OutcomePoint> OutcomePoints(ProbeRole role) =>
        Of(role).Select(a => new OutcomePoint(role, Math.Round((a.StartedAt - StartedAt).TotalSeconds, 3), a.Outcome, a.TotalMs)).ToList();

    /// <summary>Attempt outcomes over time per role, coloured by outcome (see <see cref="OutcomeChart"/>).</summary>
    public Ops.Display.Chart OutcomeChart(int stableSuccesses = DowntimeAnalysis.DefaultStableSuccesses) => Aurora.OutcomeChart.Of(this, stableSuccesses);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson() + "\n");

    public static ProbeRun Parse(string json, string source = "<json>")
    {
        ProbeRun? run;
        try
        {
            run = JsonSerializer.Deserialize<ProbeRun>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}:{e.LineNumber + 1}: not a probe run file ({e.Message}); write one with `ops aurora probe --out`", e);
        }
        if (run is null || run.Attempts.Count == 0)
            throw new InvalidDataException(json.Contains("\"Events\"", StringComparison.Ordinal)
                ? $"{source}: an RDS events file, not a probe run; give it with --events"
                : $"{source}: not a probe run file (no attempts); write one with `ops aurora probe --out`");
        return run;
    }

    /// <summary>Reads a run file; the label defaults to the file name.</summary>
    public static ProbeRun Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such probe run file", path);
        var run = Parse(File.ReadAllText(path), path);
        return run.Label.Length > 0 ? run : run with { Label = Path.GetFileNameWithoutExtension(path) };
    }

    /// <summary>
    /// Reads a probe input named by its file: a run file (JSON from <c>ops aurora probe --out</c>) or the shell
    /// probe loop's log as a run of <paramref name="logRole"/>. The label is the file name, so trials from
    /// different files never share a name.
    /// </summary>
    public static ProbeRun LoadAny(string path, ProbeRole logRole = ProbeRole.Writer)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such probe run or probe log file", path);
        var first = FirstCharacter(path);
        var run = first is '{' or '[' ? Parse(File.ReadAllText(path), path) : ShellProbeLog.Load(path, logRole);
        return run with { Label = Path.GetFileNameWithoutExtension(path) };
    }

    private static char? FirstCharacter(string path)
    {
        using var reader = new StreamReader(path);
        int c;
        while ((c = reader.Read()) >= 0) if (!char.IsWhiteSpace((char)c) && c != '\uFEFF') return (char)c;
        return null;
    }
}
