using System.Net;
using System.Net.Sockets;

namespace Ops.MySql;

/// <summary>
/// The one place a MySQL endpoint's name becomes addresses, for <see cref="MySqlSession"/> and the
/// failover probe alike: literals pass through, names go to the system resolver under the connect
/// timeout, and failures are <see cref="MySqlException"/>s of kind Dns or Timeout naming the host.
/// </summary>
public static class EndpointResolver
{
    public static async ValueTask<IPEndPoint[]> ResolveAsync(MySqlSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.ResolvedEndpoints is { Length: > 0 } given) return given;
        if (IPAddress.TryParse(settings.Host.Trim('[', ']'), out var literal)) return [new IPEndPoint(literal, settings.Port)];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(settings.Host, timeout.Token).ConfigureAwait(false);
            if (addresses.Length == 0) throw new MySqlException(MySqlErrorKind.Dns, $"resolve: {settings.Host} has no addresses", settings.Endpoint);
            return addresses.Select(a => new IPEndPoint(a, settings.Port)).ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MySqlException(MySqlErrorKind.Timeout, $"resolve: {settings.Host} did not resolve within {settings.ConnectTimeout.TotalMilliseconds:0} ms", settings.Endpoint);
        }
        catch (SocketException e)
        {
            throw new MySqlException(MySqlErrorKind.Dns, $"resolve: {settings.Host}: {e.Message}; check the name and the resolver", settings.Endpoint, inner: e);
        }
    }
}
