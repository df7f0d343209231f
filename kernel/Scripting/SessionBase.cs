using Microsoft.CodeAnalysis.Scripting;

namespace Ops.Kernel.Scripting;

/// <summary>Where new chains start: the last cell that declared types, and the chain it ran in.</summary>
internal sealed record SessionBase(SubmissionChain Chain, Script<object> Script, int Count);
