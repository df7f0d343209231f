namespace Ops.MySql;

/// <summary>The peer sent bytes that are not valid MySQL protocol (wrong port, TLS mismatch, proxy garbage).</summary>
public sealed class MySqlProtocolException(string message) : Exception(message);
