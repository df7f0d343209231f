using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace Ops.Kernel.Scripting;

/// <summary>
/// One chain of submissions. Roslyn compiles each cell as a continuation of the previous script;
/// we emit and load the cells ourselves into one collectible <see cref="SubmissionLoadContext"/>,
/// so when the session moves to a new chain the old chain's code and metadata are unloaded.
/// (Roslyn's own loader keeps every cell's assembly until the process exits: about 75 KB of
/// native memory per cell.)
/// </summary>
internal sealed class SubmissionChain
{
    private static readonly EmitOptions WithPdb = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    private SubmissionLoadContext _context;
    private readonly ReferenceLoadContext _references;

    /// <summary>Slot 0 holds the globals object, slot i the instance of the i-th submission that had code.</summary>
    private object?[] _states;

    public SubmissionChain(ScriptGlobals globals, ReferenceLoadContext references)
    {
        _references = references;
        _context = new SubmissionLoadContext(references, basis: null);
        _states = [globals];
    }

    /// <summary>
    /// A chain that continues from <paramref name="basis"/>: the cells that declared types stay
    /// (their scripts, instances and loaded code), and new cells are compiled after them.
    /// </summary>
    public SubmissionChain(SessionBase basis, ReferenceLoadContext references)
    {
        _references = references;
        _context = new SubmissionLoadContext(references, basis.Chain._context);
        _states = basis.Chain._states[..(basis.Count + 1)];
        Last = basis.Script;
    }

    /// <summary>Some later chain continues from cells of this one, so it is never unloaded.</summary>
    public bool IsBase { get; set; }

    /// <summary>The last script run in this chain; the next cell continues it.</summary>
    public Script<object>? Last { get; private set; }

    /// <summary>
    /// Binds and emits the script and loads it into this chain's context. Returns the errors
    /// instead when the cell does not compile; nothing is loaded then.
    /// </summary>
    public CompiledSubmission Compile(Script<object> script, CancellationToken cancellationToken)
    {
        var compilation = script.GetCompilation();
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: WithPdb, cancellationToken: cancellationToken);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (!emitted.Success) return new CompiledSubmission(script, null, errors.IsEmpty ? emitted.Diagnostics : errors);

        // Cells with nothing to run (only usings or #r) take no slot and load nothing.
        var entryPoint = compilation.GetEntryPoint(cancellationToken);
        if (entryPoint == null) return new CompiledSubmission(script, null, ImmutableArray<Diagnostic>.Empty);

        _references.Register(compilation);
        pe.Position = 0;
        pdb.Position = 0;
        var assembly = _context.Add(pe, pdb);
        var typeName = entryPoint.ContainingNamespace.IsGlobalNamespace
            ? entryPoint.ContainingType.MetadataName
            : entryPoint.ContainingNamespace.ToDisplayString() + "." + entryPoint.ContainingType.MetadataName;
        var method = assembly.GetType(typeName, throwOnError: true)!.GetMethod(entryPoint.MetadataName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        return new CompiledSubmission(script, method.CreateDelegate<Func<object?[], Task<object>>>(), ImmutableArray<Diagnostic>.Empty)
        {
            HasValue = EndsWithValue(compilation),
        };
    }

    /// <summary>True when the cell ends with an expression (no semicolon) whose type is not void.</summary>
    private static bool EndsWithValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax
            {
                Members: [.., Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
                {
                    Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last,
                }],
            })
            return false;
        return compilation.GetSemanticModel(tree).GetTypeInfo(last.Expression).Type?.SpecialType != SpecialType.System_Void;
    }

    /// <summary>
    /// The states a run works on: a copy, so a cell abandoned while still running never writes
    /// into the session the next cells see.
    /// </summary>
    private object?[] BeginRun()
    {
        var count = Count;
        var states = new object?[count + 2];
        Array.Copy(_states, states, count + 1);
        return states;
    }

    /// <summary>
    /// Runs a compiled cell on a copy of the chain's states and makes it part of the session when
    /// it finishes, even with an exception (its variables then keep the values they reached).
    /// </summary>
    public async Task<SubmissionRun> RunAsync(CompiledSubmission submission)
    {
        var states = BeginRun();
        object? value = null;
        Exception? exception = null;
        try
        {
            if (submission.Entry != null) value = await submission.Entry(states).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            exception = e;
        }
        Commit(submission.Script, states);
        return new SubmissionRun(value, exception);
    }

    /// <summary>Makes a finished run (successful or not) part of the session, as Roslyn does.</summary>
    private void Commit(Script<object> script, object?[] states)
    {
        Last = script;
        _states = states;
    }

    /// <summary>Submissions that ran in this chain.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            while (n + 1 < _states.Length && _states[n + 1] != null) n++;
            return n;
        }
    }

    /// <summary>Every variable of every submission with its slot, in declaration order (a name may repeat).</summary>
    public IEnumerable<(int Slot, string Name, Type Type, object? Value)> Variables()
    {
        var count = Count;
        for (var i = 1; i <= count; i++)
        {
            var submission = _states[i]!;
            foreach (var field in submission.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                // Roslyn's own fields (the globals, earlier submissions) have names that are not identifiers.
                if (field.Name.Length == 0 || !(char.IsLetterOrDigit(field.Name[0]) || field.Name[0] == '_')) continue;
                yield return (i, field.Name, field.FieldType, field.GetValue(submission));
            }
        }
    }

    /// <summary>The latest declaration of each variable name, in the order of those declarations.</summary>
    public IReadOnlyList<(int Slot, string Name, Type Type, object? Value)> LatestVariables()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var latest = Variables().Reverse().Where(v => seen.Add(v.Name)).ToList();
        latest.Reverse();
        return latest;
    }

    /// <summary>
    /// Whether a type a cell declared is still what its simple name means: no cell up to
    /// <paramref name="slots"/> declared another type of that name after it.
    /// </summary>
    public bool IsLatestCellType(Type type, int slots)
    {
        for (var i = Math.Min(slots, Count); i >= 1; i--)
        {
            var declared = _states[i]!.GetType().GetNestedType(type.Name, BindingFlags.Public | BindingFlags.NonPublic);
            if (declared != null) return declared == type;
        }
        return false;
    }

    /// <summary>
    /// Lets the runtime free this chain's assemblies once nothing refers to them. Values that do
    /// (a lambda kept in a later chain, a formatter registered by a cell) keep it loaded, safely.
    /// </summary>
    /// <returns>A weak reference to the chain's load context, to observe that it is really freed.</returns>
    public WeakReference Unload()
    {
        var context = _context;
        _states = [];
        Last = null;
        _context = null!; // a disposed session may still be referenced; its chains must not hold their code
        context.Unload();
        return new WeakReference(context);
    }
}
