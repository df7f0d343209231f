namespace Ops.Kernel.Jupyter.Transport;

/// <summary>The ZMTP socket types the kernel speaks to, and which peers each one accepts (RFC 23/37).</summary>
public enum ZmtpSocketType { Router, Dealer, Req, Rep, Pub, Sub, XPub, XSub }

public static class ZmtpSocketTypes
{
    public static string Name(ZmtpSocketType type) => type.ToString().ToUpperInvariant();

    public static ZmtpSocketType? Parse(string name) => name switch
    {
        "ROUTER" => ZmtpSocketType.Router,
        "DEALER" => ZmtpSocketType.Dealer,
        "REQ" => ZmtpSocketType.Req,
        "REP" => ZmtpSocketType.Rep,
        "PUB" => ZmtpSocketType.Pub,
        "SUB" => ZmtpSocketType.Sub,
        "XPUB" => ZmtpSocketType.XPub,
        "XSUB" => ZmtpSocketType.XSub,
        _ => null,
    };

    /// <summary>True when a peer of type <paramref name="peer"/> may connect to a <paramref name="local"/> socket.</summary>
    public static bool Accepts(ZmtpSocketType local, ZmtpSocketType peer) => local switch
    {
        ZmtpSocketType.Router => peer is ZmtpSocketType.Dealer or ZmtpSocketType.Req or ZmtpSocketType.Router,
        ZmtpSocketType.Rep => peer is ZmtpSocketType.Req or ZmtpSocketType.Dealer,
        ZmtpSocketType.Pub => peer is ZmtpSocketType.Sub or ZmtpSocketType.XSub,
        _ => false,
    };
}
