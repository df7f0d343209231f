using System.Globalization;
using Ops.MySql;

namespace Ops.Aurora;

/// <summary>
/// SHOW REPLICA STATUS / SHOW SLAVE STATUS as typed fields. <see cref="SecondsBehindSource"/> is
/// null when the server reports NULL (a replication thread is stopped: lag unknown), which is not
/// the same as 0 (caught up).
/// </summary>
public sealed record ReplicationStatus
{
    public bool IsReplica { get; init; }
    public string? SourceHost { get; init; }
    public int? SourcePort { get; init; }
    public bool IoRunning { get; init; }
    /// <summary>"Yes", "No" or "Connecting" as the server says it.</summary>
    public string? IoState { get; init; }
    public bool SqlRunning { get; init; }
    public long? SecondsBehindSource { get; init; }
    public string? SourceLogFile { get; init; }
    public long? ReadSourceLogPosition { get; init; }
    public string? RelaySourceLogFile { get; init; }
    public long? ExecSourceLogPosition { get; init; }
    public int? LastIoErrno { get; init; }
    public string? LastIoError { get; init; }
    public int? LastSqlErrno { get; init; }
    public string? LastSqlError { get; init; }

    /// <summary>One line for a postmortem: caught up, N s behind, or why the lag is unknown.</summary>
    public string Lag => !IsReplica ? "not a replica"
        : SecondsBehindSource is { } s ? (s == 0 ? "caught up (0 s)" : $"{s} s behind")
        : $"unknown (IO {IoState ?? "?"}, SQL {(SqlRunning ? "Yes" : "No")}{(string.IsNullOrEmpty(LastSqlError) ? "" : ": " + LastSqlError)}{(string.IsNullOrEmpty(LastIoError) ? "" : ": " + LastIoError)})";

    /// <summary>Reads the status: SHOW REPLICA STATUS first (MySQL 8.0.22+, MariaDB 10.5+), SHOW SLAVE STATUS on older servers.</summary>
    public static async Task<ReplicationStatus> ReadAsync(MySqlSession session, CancellationToken cancellationToken = default)
    {
        MySqlResult result;
        try { result = await session.QueryAsync("SHOW REPLICA STATUS", cancellationToken).ConfigureAwait(false); }
        catch (MySqlException e) when (e.Kind == MySqlErrorKind.Server && session.IsUsable)
        {
            result = await session.QueryAsync("SHOW SLAVE STATUS", cancellationToken).ConfigureAwait(false);
        }
        return Parse(result);
    }

    /// <summary>Parses either generation of column names (Slave_IO_Running / Replica_IO_Running, Master_* / Source_*).</summary>
    public static ReplicationStatus Parse(MySqlResult result)
    {
        if (result.Rows.Count == 0) return new ReplicationStatus { IsReplica = false };
        string? Get(params string[] names)
        {
            foreach (var n in names)
            {
                var i = result.Ordinal(n);
                if (i >= 0) return result.Text(0, i);
            }
            return null;
        }
        long? Long(params string[] names) => long.TryParse(Get(names), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        var io = Get("Replica_IO_Running", "Slave_IO_Running");
        return new ReplicationStatus
        {
            IsReplica = true,
            SourceHost = Get("Source_Host", "Master_Host"),
            SourcePort = (int?)Long("Source_Port", "Master_Port"),
            IoState = io,
            IoRunning = string.Equals(io, "Yes", StringComparison.OrdinalIgnoreCase),
            SqlRunning = string.Equals(Get("Replica_SQL_Running", "Slave_SQL_Running"), "Yes", StringComparison.OrdinalIgnoreCase),
            SecondsBehindSource = Long("Seconds_Behind_Source", "Seconds_Behind_Master"),
            SourceLogFile = Get("Source_Log_File", "Master_Log_File"),
            ReadSourceLogPosition = Long("Read_Source_Log_Pos", "Read_Master_Log_Pos"),
            RelaySourceLogFile = Get("Relay_Source_Log_File", "Relay_Master_Log_File"),
            ExecSourceLogPosition = Long("Exec_Source_Log_Pos", "Exec_Master_Log_Pos"),
            LastIoErrno = (int?)Long("Last_IO_Errno"),
            LastIoError = Get("Last_IO_Error"),
            LastSqlErrno = (int?)Long("Last_SQL_Errno"),
            LastSqlError = Get("Last_SQL_Error"),
        };
    }
}
