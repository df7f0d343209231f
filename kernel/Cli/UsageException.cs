namespace Ops.Kernel.Cli;

/// <summary>A command-line value that is malformed (exit <see cref="ExitCodes.Usage"/>); the message says what to write instead.</summary>
internal sealed class UsageException(string message) : Exception(message);
