using System.Text;

namespace Ops.Aurora;

/// <summary>
/// A run as one character per attempt, readable in a terminal or a postmortem:
/// <c>.</c> ok, <c>R</c> refused, <c>T</c> timeout, <c>O</c> read-only (ERROR 1290), <c>A</c> auth, <c>X</c> other.
/// </summary>
public static class OutcomeStrip
{
    public const string Legend = ". ok  R refused  T timeout  O read-only (1290)  A auth  X other";

    public static char Symbol(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Ok => '.',
        AttemptOutcome.Refused => 'R',
        AttemptOutcome.Timeout => 'T',
        AttemptOutcome.ReadOnly => 'O',
        AttemptOutcome.Auth => 'A',
        _ => 'X',
    };

    /// <summary>The attempts of one role in schedule order, optionally only those from <paramref name="from"/> to <paramref name="to"/> seconds.</summary>
    public static string Of(ProbeRun run, ProbeRole role, double from = 0, double to = double.MaxValue)
    {
        var sb = new StringBuilder();
        foreach (var a in run.Of(role))
        {
            var t = (a.ScheduledAt - run.StartedAt).TotalSeconds;
            if (t >= from && t < to) sb.Append(Symbol(a.Outcome));
        }
        return sb.ToString();
    }
}
