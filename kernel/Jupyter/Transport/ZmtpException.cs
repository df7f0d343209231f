namespace Ops.Kernel.Jupyter.Transport;

/// <summary>A peer broke the ZMTP protocol; only its connection is closed.</summary>
public class ZmtpException(string message) : Exception(message);
