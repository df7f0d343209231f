namespace Ops.Kernel.Jupyter.Transport;

/// <summary>A peer's message went over <see cref="TransportOptions.MaxMessageBytes"/>: its connection is closed.</summary>
public sealed class MessageTooLargeException(string message) : ZmtpException(message);
