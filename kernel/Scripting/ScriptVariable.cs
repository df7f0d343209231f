namespace Ops.Kernel.Scripting;

/// <summary>A variable in the session, as <c>#!who</c> lists it.</summary>
public sealed record ScriptVariable(string Name, string TypeName, object? Value);
