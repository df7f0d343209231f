using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The submission chains of one session and the move (rebase) from one to the next. Roslyn keeps
/// every submission's compilation alive and each new one grows with the chain, so memory grows
/// quadratically with the number of cells. Every <see cref="RebaseEvery"/> cells, a session whose
/// state can be carried starts a new chain with its variables, usings, references and methods.
/// </summary>
internal sealed class SessionChains(ScriptGlobals globals, ReferenceLoadContext references)
{
    private readonly SubmissionLog _log = new();
    private readonly List<WeakReference> _retired = new();

    /// <summary>Earlier chains that later ones continue from; unloaded with the session.</summary>
    private readonly List<SubmissionChain> _bases = new();

    /// <summary>The last cell that declared types: new chains continue from it instead of starting empty.</summary>
    private SessionBase? _base;

    /// <summary>The last cell made a new base: move on now, so the base chain ends with that cell.</summary>
    private bool _newBase;

    /// <summary>The chain the next cell continues.</summary>
    public SubmissionChain Current { get; private set; } = new(globals, references);

    public int RebaseEvery { get; set; } = 50;

    /// <summary>How many times the session moved to a fresh submission chain.</summary>
    public int Rebases { get; private set; }

    /// <summary>The load contexts of earlier chains that have not been freed yet (weakly held).</summary>
    public IReadOnlyList<WeakReference> Retired => _retired;

    /// <summary>
    /// Submissions held by chains kept for the types declared in them: the earlier bases, and the
    /// current chain when the latest declaring cell ran in it (it becomes a base at the next move).
    /// </summary>
    public int BaseSubmissions => _bases.Sum(b => b.Count) + (_base?.Chain == Current ? Current.Count : 0);

    /// <summary>Notes what a cell that ran in <paramref name="chain"/> declared, for the next rebase.</summary>
    public void Record(CompilationUnitSyntax root, SubmissionChain chain, Script<object> script)
    {
        if (!_log.Record(root)) return;
        _base = new SessionBase(chain, script, chain.Count);
        _newBase = true;
    }

    /// <summary>
    /// Moves to a new chain every <see cref="RebaseEvery"/> cells, and right after a cell that
    /// declared types. A chain holding such a cell stays loaded for the session, every submission
    /// in it; ending it at that cell keeps the next cells out of it (measured: each redeclared
    /// record kept ~50 submissions, ~14 MB, until this).
    /// </summary>
    public Task RebaseIfDueAsync(SubmissionCompiler compiler) =>
        Current.Last == null || (_log.SinceBase < RebaseEvery && !_newBase) ? Task.CompletedTask : RebaseAsync(compiler);

    /// <summary>
    /// Before a cell that declares types: start it on a fresh chain unless the current one is new,
    /// so the chain that becomes a base holds the carried state and that cell, not the cells before it.
    /// </summary>
    public Task RebaseBeforeTypesAsync(SubmissionCompiler compiler) =>
        Current.Last == null || _log.SinceBase == 0 ? Task.CompletedTask : RebaseAsync(compiler);

    private async Task RebaseAsync(SubmissionCompiler compiler)
    {
        _log.SinceBase = 0;
        _newBase = false;
        var basis = _base;
        var baseSlots = basis?.Count ?? 0;
        // Variables last declared in the base stay where they are; the others are carried.
        var carried = Current.LatestVariables().Where(v => v.Slot > baseSlots).ToList();
        var typed = carried.Select(v => (v.Name, Type: TypeNames.CSharp(v.Type, t => basis != null && basis.Chain.IsLatestCellType(t, baseSlots)))).ToList();
        if (typed.Any(v => v.Type == null)) return; // an anonymous type, a closure, a shadowed cell type: keep the chain
        var id = SessionCarry.Put(carried.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
        var chain = basis == null ? new SubmissionChain(globals, references) : new SubmissionChain(basis, references);
        try
        {
            var prelude = _log.Prelude(typed.Select(v => (v.Name, v.Type!)), id);
            var script = basis == null ? compiler.NewChainScript(prelude) : compiler.Continue(basis.Script, prelude);
            var compiled = chain.Compile(script, CancellationToken.None);
            if (!compiled.Success || (await chain.RunAsync(compiled).ConfigureAwait(false)).Exception != null)
            {
                chain.Unload();
                return;
            }
            if (basis != null) basis.Chain.IsBase = true;
            var old = Current;
            Current = chain;
            _retired.RemoveAll(r => !r.IsAlive);
            if (old.IsBase) _bases.Add(old);
            else _retired.Add(old.Unload());
            Rebases++;
            // The old chain's compilations and code are garbage now; give their memory back to the system.
            ScriptEngine.ReleaseMemory();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ConsoleCapture.OriginalError.WriteLine($"ops: keeping the session chain, rebase failed: {e.Message}");
        }
        finally
        {
            SessionCarry.Release(id);
        }
    }

    /// <summary>
    /// Unloads every chain. The current one only when <paramref name="includeCurrent"/>: a warm-up
    /// still compiling into it would fail loudly into an unloading context; it is dropped instead.
    /// </summary>
    public void Unload(bool includeCurrent)
    {
        if (includeCurrent) _retired.Add(Current.Unload());
        foreach (var chain in _bases) _retired.Add(chain.Unload());
    }
}
