using System.Net;
using System.Net.Sockets;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>A bindable address: <c>tcp://host:port</c> or, on Unix, <c>ipc://path</c>.</summary>
public sealed record ZmtpEndpoint(string Transport, string Address, int Port)
{
    public static ZmtpEndpoint Parse(string endpoint)
    {
        if (endpoint.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var rest = endpoint[6..];
            var colon = rest.LastIndexOf(':');
            if (colon < 0 || !int.TryParse(rest[(colon + 1)..], out var port) || port is < 0 or > 65535)
                throw new ArgumentException($"'{endpoint}' is not tcp://host:port");
            return new ZmtpEndpoint("tcp", rest[..colon].Trim('[', ']'), port);
        }
        if (endpoint.StartsWith("ipc://", StringComparison.Ordinal))
        {
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("ipc transport needs Unix domain sockets (use tcp on Windows)");
            return new ZmtpEndpoint("ipc", endpoint[6..], 0);
        }
        throw new ArgumentException($"unsupported endpoint '{endpoint}': use tcp://host:port or ipc://path");
    }

    public Socket Bind(int backlog = 64)
    {
        if (Transport == "ipc")
        {
            if (File.Exists(Address)) File.Delete(Address); // a stale socket file from a killed kernel
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            unix.Bind(new UnixDomainSocketEndPoint(Address));
            unix.Listen(backlog);
            return unix;
        }
        var ip = Address is "*" or "0.0.0.0" ? IPAddress.Any
            : IPAddress.TryParse(Address, out var parsed) ? parsed
            : Dns.GetHostAddresses(Address).First(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        var tcp = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(ip, Port));
        tcp.Listen(backlog);
        return tcp;
    }

    public override string ToString() => Transport == "ipc" ? $"ipc://{Address}" : $"tcp://{Address}:{Port}";
}
