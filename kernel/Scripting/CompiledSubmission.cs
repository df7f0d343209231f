using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Ops.Kernel.Scripting;

/// <summary>A cell ready to run, or the errors that kept it from compiling.</summary>
internal sealed record CompiledSubmission(Script<object> Script, Func<object?[], Task<object>>? Entry, ImmutableArray<Diagnostic> Errors)
{
    public bool Success => Errors.IsEmpty;

    /// <summary>True when the cell ends with an expression that has a value (not a void call).</summary>
    public bool HasValue { get; init; }
}
