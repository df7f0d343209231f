namespace Ops.Kernel.Scripting;

/// <summary>A cell asked for input where the frontend cannot answer (allow_stdin false, headless run).</summary>
public sealed class InputNotAllowedException(string message) : InvalidOperationException(message);
