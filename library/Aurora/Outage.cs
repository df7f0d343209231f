namespace Ops.Aurora;

/// <summary>
/// One continuous outage of a role: from a failed attempt to the first success followed by enough
/// consecutive successes (or to the end of the run when the role never came back).
/// </summary>
public sealed record Outage
{
    public required DateTimeOffset Start { get; init; }
    /// <summary>The recovering attempt's start, or the end of the run when not recovered.</summary>
    public required DateTimeOffset End { get; init; }
    public required bool Recovered { get; init; }
    /// <summary>False when the run ended inside the confirmation window (fewer successes than required after the recovery).</summary>
    public bool RecoveryConfirmed { get; init; } = true;
    public double Seconds { get; init; }
    /// <summary>The trailing part answered by ERROR 1290 (endpoint still on the demoted writer).</summary>
    public double ReadOnlySeconds { get; init; }
    public int Failures { get; init; }
    /// <summary>Failed attempts per outcome (no <c>ok</c> entry).</summary>
    public IReadOnlyDictionary<AttemptOutcome, int> Errors { get; init; } = new Dictionary<AttemptOutcome, int>();
    /// <summary>Every attempt of the window per outcome, successes of flaps included.</summary>
    public IReadOnlyDictionary<AttemptOutcome, int> OutcomeCounts { get; init; } = new Dictionary<AttemptOutcome, int>();
    public IReadOnlyList<FlapPeriod> Flaps { get; init; } = [];

    /// <summary>"refused 16, timeout 3, read_only 9".</summary>
    public string ErrorsText => string.Join(", ", Errors.Select(e => $"{e.Key.Name()} {e.Value}"));
}
