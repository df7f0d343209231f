using System.Net;
using Ops.MySql;

namespace Ops.Aurora;

/// <summary>
/// What <see cref="FailoverProbe"/> probes and how often. Defaults follow a shell probe loop's measurement
/// (fresh connection per attempt, 1 s connect timeout) at a finer 100 ms interval.
/// </summary>
public sealed record FailoverProbeOptions
{
    /// <summary>Cluster (writer) endpoint; Host, Port, User, Password, Database are taken from here.</summary>
    public required MySqlSettings Writer { get; init; }
    /// <summary>Reader endpoint; null probes only the writer.</summary>
    public MySqlSettings? Reader { get; init; }

    public string Table { get; init; } = "test";
    public string Column { get; init; } = "col";
    /// <summary>Writer statement; default <c>UPDATE test SET col=UNIX_TIMESTAMP()</c>.</summary>
    public string? WriterStatement { get; init; }
    /// <summary>Reader statement; default <c>SELECT col FROM test</c>.</summary>
    public string? ReaderStatement { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Stop scheduling after this long (default 120 s) ...</summary>
    public TimeSpan? Duration { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>... or after this many attempts per role, whichever comes first.</summary>
    public int? Count { get; init; }

    /// <summary>Keep one connection per role and reconnect only after a failure (the application's pool view).</summary>
    public bool Pooled { get; init; }
    /// <summary>Ask each answering instance who it is (second small query on the same connection).</summary>
    public bool IdentifyInstance { get; init; } = true;
    /// <summary>
    /// Hard limit of one attempt, all phases together (resolve, connect, handshake, statement,
    /// identity); null: the endpoint's connect + handshake timeouts + twice its query timeout.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Attempts of one role allowed in flight at once in fresh-connection mode.</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>
    /// Resolves an endpoint per attempt (tests, or a custom resolver). Default: the system resolver,
    /// so a DNS switch of the endpoint shows up in <see cref="ProbeAttempt.ResolvedAddresses"/>.
    /// </summary>
    public Func<ProbeRole, CancellationToken, ValueTask<IPEndPoint[]>>? Resolve { get; init; }

    public string Label { get; init; } = "";
    public string Configuration { get; init; } = "";

    /// <summary>Called with each finished attempt (progress, live charts); runs on the probe's threads.</summary>
    public Action<ProbeAttempt>? OnAttempt { get; init; }

    internal string StatementFor(ProbeRole role) => role == ProbeRole.Writer
        ? WriterStatement ?? $"UPDATE {QuoteIdentifier(Table)} SET {QuoteIdentifier(Column)}=UNIX_TIMESTAMP()"
        : ReaderStatement ?? $"SELECT {QuoteIdentifier(Column)} FROM {QuoteIdentifier(Table)}";

    internal TimeSpan AttemptTimeoutFor(MySqlSettings endpoint) =>
        AttemptTimeout ?? endpoint.ConnectTimeout + endpoint.HandshakeTimeout + endpoint.QueryTimeout * 2;

    internal static string QuoteIdentifier(string name) => "`" + name.Replace("`", "``") + "`";

    internal void Validate()
    {
        if (Interval < TimeSpan.FromMilliseconds(50))
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "the probe interval must be at least 50 ms");
        if (Duration is null && Count is null)
            throw new ArgumentException("bound the probe by Duration or Count so it cannot run forever");
        if (Count is <= 0) throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be positive");
        if (AttemptTimeout is { } a && a <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "AttemptTimeout must be positive");
        if (Duration is { } d && d <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "Duration must be positive");
    }
}
