using System.Net.Sockets;
using System.Security.Authentication;
using Driver = MySqlConnector;

namespace Ops.MySql;

/// <summary>Turns MySqlConnector's failures into <see cref="MySqlException"/>s with the kind a probe or a cell reports, server text bounded.</summary>
internal static class MySqlErrors
{
    /// <summary>MariaDB's ER_CONNECTION_KILLED, sent to a session ended by KILL.</summary>
    private const int ErrorConnectionKilled = 1927;

    public static MySqlException From(Exception e, string phase, string endpoint)
    {
        if (e is MySqlException ours) return ours;
        var driver = e as Driver.MySqlException ?? e.InnerException as Driver.MySqlException;
        var text = ServerText.Truncate(driver?.Message ?? e.Message);
        if (Find<AuthenticationException>(e) is { } tls)
            return new MySqlException(MySqlErrorKind.Tls, $"{phase}: TLS negotiation failed: {ServerText.Truncate(tls.Message)}", endpoint, inner: e);
        if (driver is null)
            return e is OperationCanceledException or TimeoutException
                ? new MySqlException(MySqlErrorKind.Timeout, $"{phase}: {text}", endpoint, inner: e)
                : new MySqlException(MySqlErrorKind.Reset, $"{phase}: connection lost: {text}", endpoint, inner: e);
        var code = driver.ErrorCode;
        if (code == Driver.MySqlErrorCode.CommandTimeoutExpired)
            return new MySqlException(MySqlErrorKind.Timeout, $"{phase}: no answer within the command timeout ({text})", endpoint, inner: e);
        if (text.Contains("SSL", StringComparison.OrdinalIgnoreCase) && (driver.Number == 0 || code == Driver.MySqlErrorCode.UnableToConnectToHost))
            return new MySqlException(MySqlErrorKind.Tls, $"{phase}: {text}; configure TLS on the server or connect with Tls=None", endpoint, inner: e);
        if (code == Driver.MySqlErrorCode.UnableToConnectToHost)
        {
            var refused = Find<SocketException>(e) is { SocketErrorCode: SocketError.ConnectionRefused };
            return refused
                ? new MySqlException(MySqlErrorKind.Refused, $"{phase}: connection refused; is the server up and listening on this port? ({text})", endpoint, inner: e)
                : new MySqlException(MySqlErrorKind.Timeout, $"{phase}: cannot connect ({text})", endpoint, inner: e);
        }
        if (code is Driver.MySqlErrorCode.QueryInterrupted or Driver.MySqlErrorCode.ServerShutdown || driver.Number == ErrorConnectionKilled || Find<IOException>(e) is not null || Find<EndOfStreamException>(e) is not null)
            return new MySqlException(MySqlErrorKind.Reset,
                $"{phase}: the connection was killed or lost ({text}); open a new session", endpoint, driver.Number > 0 ? driver.Number : null, driver.SqlState, e);
        if (driver.Number > 0)
            return new MySqlException(MySqlException.KindOf(driver.Number), $"{phase}: ERROR {driver.Number} ({driver.SqlState}): {text}", endpoint, driver.Number, driver.SqlState, e);
        return new MySqlException(MySqlErrorKind.Protocol, $"{phase}: {text}", endpoint, inner: e);
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
