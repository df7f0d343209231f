using System.Diagnostics;
using System.Net;
using Ops.MySql;
using Ops.MySql.Protocol;

namespace Ops.Aurora;

/// <summary>
/// Measures a failover from the client's side: a writer loop and a reader loop, each attempt on a
/// schedule (attempts overlap rather than drift when one hangs on a timeout), each recording
/// resolution, phase timings, outcome and the answering instance.
/// </summary>
public static class FailoverProbe
{
    private const string IdentifyQuery = "SELECT @@hostname, @@port, @@server_id, @@global.read_only, @@global.innodb_read_only";
    private const string IdentifyQueryFallback = "SELECT @@hostname, @@port, @@server_id, @@global.read_only";

    /// <summary>
    /// Runs both loops until the duration or count bound and returns the recorded run. Cancelling
    /// (Ctrl+C, an interrupted cell) ends the run early and returns what was recorded so far.
    /// </summary>
    public static ProbeRun Run(FailoverProbeOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, cancellationToken).GetAwaiter().GetResult();

    public static async Task<ProbeRun> RunAsync(FailoverProbeOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        cancellationToken = Cancellation.Or(cancellationToken);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loops = new List<Task<List<ProbeAttempt>>> { Task.Run(() => LoopAsync(ProbeRole.Writer, options, startedAt, clock, cancellationToken)) };
        if (options.Reader is not null) loops.Add(Task.Run(() => LoopAsync(ProbeRole.Reader, options, startedAt, clock, cancellationToken)));
        var results = await Task.WhenAll(loops).ConfigureAwait(false);
        return new ProbeRun
        {
            Label = options.Label,
            Configuration = options.Configuration,
            WriterEndpoint = options.Writer.Endpoint,
            ReaderEndpoint = options.Reader?.Endpoint ?? "",
            WriterStatement = options.StatementFor(ProbeRole.Writer),
            ReaderStatement = options.Reader is null ? "" : options.StatementFor(ProbeRole.Reader),
            IntervalMs = options.Interval.TotalMilliseconds,
            ConnectTimeoutMs = options.Writer.ConnectTimeout.TotalMilliseconds,
            Pooled = options.Pooled,
            StartedAt = startedAt,
            Attempts = results.SelectMany(r => r).OrderBy(a => a.ScheduledAt).ThenBy(a => a.Role).ToList(),
        };
    }

    private static async Task<List<ProbeAttempt>> LoopAsync(ProbeRole role, FailoverProbeOptions options, DateTimeOffset startedAt,
        Stopwatch clock, CancellationToken cancellationToken)
    {
        var settings = role == ProbeRole.Writer ? options.Writer : options.Reader!;
        var statement = options.StatementFor(role);
        var inFlight = new List<Task<ProbeAttempt?>>();
        var done = new List<ProbeAttempt?>();
        var pooled = options.Pooled ? new PooledConnection() : null;
        try
        {
            for (var k = 0; ; k++)
            {
                if (options.Count is { } count && k >= count) break;
                var due = options.Interval * k;
                if (options.Duration is { } duration && due >= duration) break;
                // Timers may fire a little early: wait again until the slot is really due.
                TimeSpan wait;
                while ((wait = due - clock.Elapsed) > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
                {
                    try { await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                }
                if (cancellationToken.IsCancellationRequested) break;
                var scheduled = startedAt + due;
                var attempt = AttemptAsync(role, k, scheduled, startedAt + clock.Elapsed, settings, statement, options, pooled, cancellationToken);
                if (pooled is not null)
                {
                    done.Add(await attempt.ConfigureAwait(false));
                    continue;
                }
                inFlight.Add(attempt);
                // Bound concurrency: a dead endpoint with a long timeout must not pile up sockets.
                while (inFlight.Count >= options.MaxInFlight)
                {
                    var finished = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(finished);
                    done.Add(await finished.ConfigureAwait(false));
                }
                for (var i = inFlight.Count - 1; i >= 0; i--)
                    if (inFlight[i].IsCompleted) { done.Add(await inFlight[i].ConfigureAwait(false)); inFlight.RemoveAt(i); }
            }
            done.AddRange(await Task.WhenAll(inFlight).ConfigureAwait(false));
        }
        finally
        {
            if (pooled?.Session is { } s) await s.DisposeAsync().ConfigureAwait(false);
        }
        // Attempts cut short by cancellation are dropped: their outcome says nothing about the endpoint.
        return done.OfType<ProbeAttempt>().OrderBy(a => a.Sequence).ToList();
    }

    private sealed class PooledConnection
    {
        public ProbeConnection? Session;
    }

    private static async Task<ProbeAttempt?> AttemptAsync(ProbeRole role, int sequence, DateTimeOffset scheduled, DateTimeOffset started,
        MySqlSettings settings, string statement, FailoverProbeOptions options, PooledConnection? pool, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var attempt = new ProbeAttempt { Role = role, Sequence = sequence, ScheduledAt = scheduled, StartedAt = started, Outcome = AttemptOutcome.Ok };
        ProbeConnection? session = pool?.Session is { IsUsable: true } reused ? reused : null;
        // The hard deadline of the whole attempt: whatever phase it is in, the attempt ends then.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.AttemptTimeoutFor(settings));
        var phase = "resolve";
        try
        {
            if (session is null)
            {
                IPEndPoint[] endpoints;
                var resolveClock = Stopwatch.StartNew();
                try
                {
                    endpoints = options.Resolve is { } resolve
                        ? await resolve(role, deadline.Token).ConfigureAwait(false)
                        : await EndpointResolver.ResolveAsync(settings, deadline.Token).ConfigureAwait(false);
                }
                catch (MySqlException e)
                {
                    return Finish(attempt with { ResolveMs = Ms(resolveClock.Elapsed) }, e, clock, options);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A custom resolver's failure is the endpoint's failure, not the probe's.
                    var error = new MySqlException(MySqlErrorKind.Dns, $"resolve: {e.GetType().Name}: {e.Message}", settings.Endpoint, inner: e);
                    return Finish(attempt with { ResolveMs = Ms(resolveClock.Elapsed) }, error, clock, options);
                }
                attempt = attempt with
                {
                    ResolveMs = Ms(resolveClock.Elapsed),
                    ResolvedAddresses = endpoints.Select(e => e.Address.ToString()).Distinct().ToArray(),
                };
                phase = "connect and handshake";
                session = await ProbeConnection.OpenAsync(settings with { ResolvedEndpoints = endpoints }, deadline.Token).ConfigureAwait(false);
                attempt = attempt with
                {
                    ConnectedTo = session.RemoteEndPoint.ToString(),
                    ConnectMs = Ms(session.Timings.Connect),
                    HandshakeMs = Ms(session.Timings.Handshake),
                    AuthMs = Ms(session.Timings.Authentication),
                };
                if (pool is not null) pool.Session = session;
            }
            else
            {
                attempt = attempt with { ConnectedTo = session.RemoteEndPoint.ToString(), ResolvedAddresses = session.ResolvedAddresses.Select(a => a.ToString()).ToArray() };
            }

            phase = "query";
            try
            {
                var result = await session.QueryAsync(statement, deadline.Token).ConfigureAwait(false);
                attempt = attempt with { QueryMs = Ms(result.Elapsed) };
            }
            catch (MySqlException e)
            {
                attempt = Failed(attempt, e);
            }
            // A read-only answer still names the instance: that is how the stale endpoint shows up.
            phase = "identify";
            if (options.IdentifyInstance && session.IsUsable)
                attempt = attempt with { Instance = await IdentifyAsync(session, deadline.Token).ConfigureAwait(false) };
            return Finish(attempt, null, clock, options);
        }
        catch (MySqlException e)
        {
            return Finish(attempt, e, clock, options);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            if (session is not null) session.Abort();
            var limit = options.AttemptTimeoutFor(settings);
            return Finish(attempt, new MySqlException(MySqlErrorKind.Timeout,
                $"{phase}: the attempt deadline of {limit.TotalMilliseconds:0} ms passed", settings.Endpoint), clock, options);
        }
        finally
        {
            if (session is not null && (pool is null || !session.IsUsable))
            {
                if (pool is not null) pool.Session = null;
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static ProbeAttempt Failed(ProbeAttempt attempt, MySqlException error) => attempt with
    {
        Outcome = AttemptOutcomes.Of(error.Kind),
        ErrorCode = error.Code,
        SqlState = error.SqlState,
        // Stored in the run file: bounded, whatever the server or a resolver said.
        Message = ServerText.Truncate(error.Message),
    };

    /// <summary>Stamps the total time and reports the attempt, exactly once per attempt.</summary>
    private static ProbeAttempt Finish(ProbeAttempt attempt, MySqlException? error, Stopwatch clock, FailoverProbeOptions options)
    {
        if (error is not null) attempt = Failed(attempt, error);
        attempt = attempt with { TotalMs = Ms(clock.Elapsed) };
        options.OnAttempt?.Invoke(attempt);
        return attempt;
    }

    /// <summary>Who answered: hostname, port, server id and read-only flags (innodb_read_only is Aurora's replica flag).</summary>
    public static async Task<AnsweringInstance?> IdentifyAsync(MySqlSession session, CancellationToken cancellationToken = default)
    {
        try
        {
            MySqlResult result;
            try { result = await session.QueryAsync(IdentifyQuery, cancellationToken).ConfigureAwait(false); }
            catch (MySqlException e) when (e.Kind == MySqlErrorKind.Server && session.IsUsable)
            {
                result = await session.QueryAsync(IdentifyQueryFallback, cancellationToken).ConfigureAwait(false);
            }
            return result.Rows.Count == 0 ? null : Instance(result.Columns.Count, i => result.Text(0, i));
        }
        catch (MySqlException)
        {
            return null;
        }
    }

    internal static async Task<AnsweringInstance?> IdentifyAsync(ProbeConnection session, CancellationToken cancellationToken)
    {
        try
        {
            ProbeReply result;
            try { result = await session.QueryAsync(IdentifyQuery, cancellationToken).ConfigureAwait(false); }
            catch (MySqlException e) when (e.Kind == MySqlErrorKind.Server && session.IsUsable)
            {
                result = await session.QueryAsync(IdentifyQueryFallback, cancellationToken).ConfigureAwait(false);
            }
            return result.Rows.Count == 0 ? null : Instance(result.Columns.Count, i => result.Text(0, i));
        }
        catch (MySqlException)
        {
            return null;
        }
    }

    private static AnsweringInstance Instance(int columns, Func<int, string?> text) => new(
        text(0) ?? "",
        int.TryParse(text(1), out var port) ? port : null,
        long.TryParse(text(2), out var id) ? id : null,
        Flag(text(3)),
        columns > 4 ? Flag(text(4)) : null);

    private static bool? Flag(string? value) => value switch
    {
        "1" or "ON" => true,
        "0" or "OFF" => false,
        _ => null,
    };

    private static double? Ms(TimeSpan? t) => t is { } v ? Math.Round(v.TotalMilliseconds, 3) : null;
    private static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 3);
}
