using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Ops.Display;
using Ops.Kernel.Scripting.Packages;

namespace Ops.Kernel.Scripting;

/// <summary>
/// One C# session: cells compiled by Roslyn scripting as a chain of submissions, so each sees the
/// variables of the earlier ones. Every cell is rewritten to check its cancellation token, runs on
/// its own thread, has its Console captured and its displays routed to the host. User errors never
/// escape as exceptions: they come back in the <see cref="ExecutionResult"/>.
/// </summary>
public sealed class ScriptEngine : IDisposable
{
    /// <summary>How long an interrupted cell may keep running before it is reported stuck and abandoned.</summary>
    public static TimeSpan StuckGracePeriod { get; } = TimeSpan.FromSeconds(2);

    private static int _abandoned;

    /// <summary>
    /// Cells of any session abandoned after an interrupt that are still running. .NET cannot stop
    /// their threads: only a new process can, which is why hosts offer (kernel) or do (ops run) a restart.
    /// </summary>
    public static int AbandonedRunning => Volatile.Read(ref _abandoned);

    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.IO", "System.Linq", "System.Text", "System.Net", "System.Collections.Generic",
        "System.Threading", "System.Threading.Tasks",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScriptOptions _options;
    private readonly SessionPackages _packages;
    private readonly CSharpParseOptions _parseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);
    private readonly ScriptGlobals _globals = new();
    private readonly string _cellPath;
    private readonly ReferenceLoadContext _references = new();
    private readonly InteractiveAssemblyLoader _unusedLoader = new();
    private SubmissionChain _chain;
    private readonly Task _warmUp;
    private readonly SubmissionLog _log = new();

    /// <summary>
    /// Roslyn keeps every submission's compilation alive and each new one grows with the chain, so
    /// memory grows quadratically with the number of cells. Every this many cells, a session whose
    /// state can be carried starts a new chain with its variables, usings, references and methods.
    /// </summary>
    public int RebaseEvery { get; init; } = 50;

    /// <summary>How many times the session moved to a fresh submission chain.</summary>
    public int Rebases { get; private set; }

    private readonly List<WeakReference> _retired = new();

    /// <summary>The last cell that declared types: new chains continue from it instead of starting empty.</summary>
    private SessionBase? _base;

    /// <summary>Earlier chains that later ones continue from; unloaded with the session.</summary>
    private readonly List<SubmissionChain> _bases = new();

    /// <summary>The load contexts of earlier chains that have not been freed yet (weakly held).</summary>
    internal IReadOnlyList<WeakReference> RetiredChains => _retired;

    public ScriptEngine(EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        ConsoleCapture.Install();
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        _cellPath = Path.Combine(workingDirectory, "cell");
        _packages = new SessionPackages(new PackageRestorer(options.PackageCache ?? PackageRestorer.DefaultCacheRoot, workingDirectory));
        _chain = new SubmissionChain(_globals, _references);
        _options = ScriptOptions.Default
            .WithReferences(SharedReferences.Value.Concat(options.References.Select(Reference)))
            .WithImports(DefaultImports.Concat(LibraryNamespaces.Value).Concat(options.Imports).Distinct())
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory).WithSearchPaths(workingDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(workingDirectory).WithSearchPaths(workingDirectory))
            .WithFilePath(_cellPath)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true);
        // Start the session at once on another thread: the first Roslyn compile (JIT, metadata
        // loading) then overlaps the frontend connecting or the user typing, and the first real
        // cell is a cheap continuation.
        _warmUp = Task.Run(StartSessionAsync);
    }

    private async Task StartSessionAsync()
    {
        try
        {
            var warm = _chain.Compile(NewChainScript(""), CancellationToken.None);
            if (warm.Success) await RunAsync(_chain, warm).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The first cell starts the session itself and reports whatever is wrong.
            ConsoleCapture.OriginalError.WriteLine($"ops: engine warm-up failed: {e.Message}");
        }
    }

    private void AwaitWarmUp()
    {
        if (!_warmUp.IsCompleted) _warmUp.GetAwaiter().GetResult();
    }

    /// <summary>Cells executed so far, successful or not.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The session's variables, the latest declaration of each name.</summary>
    public IReadOnlyList<ScriptVariable> Variables
    {
        get
        {
            AwaitWarmUp();
            return _chain.LatestVariables().Select(v => new ScriptVariable(v.Name, FriendlyTypeName(v.Type), v.Value)).ToList();
        }
    }

    public async Task<ExecutionResult> ExecuteAsync(string code, IExecutionHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(host);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        await _warmUp.ConfigureAwait(false);
        var wall = Stopwatch.StartNew();
        var cpuBefore = code.Contains("#!time", StringComparison.Ordinal) ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
        try
        {
            ExecutionCount++;
            await RebaseIfDueAsync().ConfigureAwait(false);
            Magics magics;
            try { magics = Magics.Parse(code); }
            catch (UnknownMagicException e) { return Failed("UnknownMagic", e.Message, wall); }

            var result = await RunCellAsync(magics, host, cancellationToken).ConfigureAwait(false);
            if (magics.Time)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                host.WriteStream("stdout", string.Create(CultureInfo.InvariantCulture,
                    $"Wall time: {wall.Elapsed.TotalMilliseconds:0.0} ms, CPU time: {cpu.TotalMilliseconds:0.0} ms\n"));
            }
            return result with { Duration = wall.Elapsed };
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ExecutionResult Failed(string name, string message, Stopwatch wall) =>
        new(ExecutionStatus.Error, null, new ExecutionError(name, message, new[] { $"{name}: {message}" }), wall.Elapsed);

    private async Task<ExecutionResult> RunCellAsync(Magics magics, IExecutionHost host, CancellationToken cancellationToken)
    {
        if (magics.List) host.WriteStream("stdout", Magics.Describe() + "\n");
        if (magics.Who) host.Publish(Formatter.Format(WhoTable()), Guid.NewGuid().ToString("N"), isUpdate: false);
        PackageDirectives directives;
        try
        {
            directives = PackageDirectives.Parse(magics.Code);
            if (directives.Packages.Count + directives.Sources.Count > 0) await AddPackagesAsync(directives, host, cancellationToken).ConfigureAwait(false);
        }
        catch (PackageException e) { return new ExecutionResult(ExecutionStatus.Error, null, new ExecutionError("PackageError", e.Message, new[] { "PackageError: " + e.Message }), TimeSpan.Zero); }
        catch (OperationCanceledException) { return Interrupted(); }
        var code = directives.Code;
        if (string.IsNullOrWhiteSpace(code)) return new ExecutionResult(ExecutionStatus.Ok, null, null, TimeSpan.Zero);

        CompiledSubmission submission;
        // Parsed once: the rewriter, the trailing-expression check and the rebase log all read this tree.
        var root = ConsoleClearRewriter.Rewrite(
            UsingDeclarations.Rewrite((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, _parseOptions).GetRoot(cancellationToken), _parseOptions));
        try { submission = Compile(root, cancellationToken); }
        catch (OperationCanceledException) { return Interrupted(); }
        if (!submission.Success) return new ExecutionResult(ExecutionStatus.Error, null, Traceback.FromDiagnostics(submission.Errors), TimeSpan.Zero);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chain = _chain;
        var run = Task.Factory.StartNew(() => RunOnOwnThread(chain, submission, host, cts.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => interrupted.TrySetResult()).ConfigureAwait(false))
        {
            if (await Task.WhenAny(run, interrupted.Task).ConfigureAwait(false) != run)
            {
                if (await Task.WhenAny(run, Task.Delay(StuckGracePeriod, CancellationToken.None)).ConfigureAwait(false) != run)
                {
                    // The cell ignores its token (a blocking call without one). Leave it running, keep the
                    // session at its state before this cell, and let the frontend go on.
                    Interlocked.Increment(ref _abandoned);
                    _ = run.ContinueWith(t => { Interlocked.Decrement(ref _abandoned); _ = t.Exception; }, TaskScheduler.Default);
                    var message = $"the cell did not stop within {StuckGracePeriod.TotalSeconds:0} s of the interrupt and was abandoned; " +
                                  "it is still running on a background thread, which only a restart stops: restart the kernel " +
                                  "(Kernel > Restart; `ops run` restarts by itself). Pass `Token` to blocking calls so they can be interrupted.";
                    return new ExecutionResult(ExecutionStatus.Cancelled, null,
                        new ExecutionError("CellStuck", message, new[] { "CellStuck: " + message }), TimeSpan.Zero);
                }
            }
        }

        SubmissionRun state;
        try { state = await run.ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { return new ExecutionResult(ExecutionStatus.Error, null, Traceback.FromException(e, _cellPath), TimeSpan.Zero); }

        if (_log.Record(root)) _base = new SessionBase(chain, submission.Script, chain.Count);
        // The finished run task (and whatever still points at it) must not keep the cell's value or
        // exception, and with them the cell's code, alive: take them out of the run.
        var (value, exception) = state.Take();
        if (exception != null)
        {
            if (exception is OperationCanceledException && cts.IsCancellationRequested) return Interrupted();
            return new ExecutionResult(ExecutionStatus.Error, null, Traceback.FromException(exception, _cellPath), TimeSpan.Zero);
        }

        // A void call (`Console.WriteLine("x")` without `;`) has no value to show, and the handle `display(x)`
        // returns is not shown again.
        if (!submission.HasValue || value is DisplayHandle) return new ExecutionResult(ExecutionStatus.Ok, null, null, TimeSpan.Zero);
        try
        {
            using (DisplayContext.Use(host))
                return new ExecutionResult(ExecutionStatus.Ok, Formatter.Format(value), null, TimeSpan.Zero);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ExecutionResult(ExecutionStatus.Error, null, Traceback.FromException(e, _cellPath), TimeSpan.Zero);
        }
    }

    private async Task RebaseIfDueAsync()
    {
        if (_chain.Last == null || _log.SinceBase < RebaseEvery) return;
        _log.SinceBase = 0;
        var basis = _base;
        var baseSlots = basis?.Count ?? 0;
        // Variables last declared in the base stay where they are; the others are carried.
        var carried = _chain.LatestVariables().Where(v => v.Slot > baseSlots).ToList();
        var typed = carried.Select(v => (v.Name, Type: TypeNames.CSharp(v.Type, t => basis != null && basis.Chain.IsLatestCellType(t, baseSlots)))).ToList();
        if (typed.Any(v => v.Type == null)) return; // an anonymous type, a closure, a shadowed cell type: keep the chain
        var id = SessionCarry.Put(carried.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
        var chain = basis == null ? new SubmissionChain(_globals, _references) : new SubmissionChain(basis, _references);
        try
        {
            var prelude = _log.Prelude(typed.Select(v => (v.Name, v.Type!)), id);
            var script = basis == null ? NewChainScript(prelude) : basis.Script.ContinueWith<object>(prelude, _options);
            var compiled = chain.Compile(script, CancellationToken.None);
            if (!compiled.Success || (await RunAsync(chain, compiled).ConfigureAwait(false)).Exception != null)
            {
                chain.Unload();
                return;
            }
            if (basis != null) basis.Chain.IsBase = true;
            var old = _chain;
            _chain = chain;
            _retired.RemoveAll(r => !r.IsAlive);
            if (old.IsBase) _bases.Add(old);
            else _retired.Add(old.Unload());
            Rebases++;
            // The old chain's compilations and code are garbage now; give their memory back to the system.
            ReleaseMemory();
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

    /// <summary>Restores the cell's packages, showing progress as one output updated in place.</summary>
    private async Task AddPackagesAsync(PackageDirectives directives, IExecutionHost host, CancellationToken cancellationToken)
    {
        string? progressId = null;
        void Progress(string text)
        {
            var first = progressId == null;
            progressId ??= Guid.NewGuid().ToString("N");
            host.Publish(new MimeBundle(text), progressId, isUpdate: !first);
        }
        var references = await _packages.AddAsync(directives, Progress, cancellationToken).ConfigureAwait(false);
        if (references.Count > 0) _options = _options.AddReferences(references);
    }

    private static ExecutionResult Interrupted() =>
        new(ExecutionStatus.Cancelled, null,
            new ExecutionError("OperationCanceledException", "the cell was interrupted", new[] { "OperationCanceledException: the cell was interrupted" }),
            TimeSpan.Zero);

    private async Task<SubmissionRun> RunOnOwnThread(SubmissionChain chain, CompiledSubmission submission, IExecutionHost host, CancellationToken token)
    {
        Ops.Cancellation.Set(token);
        _globals.Host = host;
        using var streams = new CellStreams(host);
        // Displays, clears and prompts go through the streams' host, which sends buffered Console text first.
        using var display = DisplayContext.Use(streams.Host);
        using var secretPrompt = Ops.Secrets.Secret.UsePrompt(prompt => streams.Host.ReadInput(prompt, password: true));
        using var capture = ConsoleCapture.Begin(streams);
        var resources = CellResources.Begin();
        var run = await RunAsync(chain, submission).ConfigureAwait(false);
        var disposeFailure = await CellResources.DisposeAsync(resources).ConfigureAwait(false);
        run.Exception ??= disposeFailure;
        return run;
    }

    /// <summary>
    /// Runs a compiled cell on a copy of the chain's states and makes it part of the session when
    /// it finishes, even with an exception (its variables then keep the values they reached).
    /// </summary>
    private static async Task<SubmissionRun> RunAsync(SubmissionChain chain, CompiledSubmission submission)
    {
        var states = chain.BeginRun();
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
        chain.Commit(submission.Script, states);
        return new SubmissionRun(value, exception);
    }

    /// <summary>How a cell's run ended; <see cref="Take"/> hands the value and exception over once.</summary>
    private sealed class SubmissionRun(object? returnValue, Exception? exception)
    {
        private object? _returnValue = returnValue;

        public Exception? Exception { get; set; } = exception;

        public (object? Value, Exception? Exception) Take()
        {
            var taken = (_returnValue, Exception);
            _returnValue = null;
            Exception = null;
            return taken;
        }
    }

    /// <summary>
    /// Compiles the cell with cancellation checks inserted; if the rewrite itself breaks the cell
    /// (an unusual lambda), falls back to fewer checks, and reports errors against the original code.
    /// </summary>
    private CompiledSubmission Compile(CompilationUnitSyntax root, CancellationToken cancellationToken)
    {
        CompiledSubmission? first = null;
        foreach (var variant in new[] { Variant.Full, Variant.LoopsOnly, Variant.Original })
        {
            var text = variant == Variant.Original ? root.ToFullString() : CancellationRewriter.Rewrite(root, variant == Variant.Full);
            // Emit binds once; a separate diagnostics pass first would bind the cell twice.
            var compiled = _chain.Compile(Continue(text), cancellationToken);
            if (compiled.Success) return compiled;
            first ??= compiled;
            if (variant == Variant.Original) return compiled;
        }
        return first!;
    }

    private enum Variant { Full, LoopsOnly, Original }

    private Script<object> Continue(string code) =>
        _chain.Last?.ContinueWith<object>(code, _options) ?? NewChainScript(code);

    /// <summary>
    /// The first script of a chain. Roslyn creates a loader, with a load context that is never
    /// freed, for each chain unless given one; cells are loaded by <see cref="SubmissionChain"/>,
    /// so the session passes the same unused loader every time.
    /// </summary>
    private Script<object> NewChainScript(string code) => CSharpScript.Create<object>(code, _options, typeof(ScriptGlobals), _unusedLoader);

    public CompletionResult Complete(string code, int cursor)
    {
        try { return CodeIntelligence.Complete(Model(code), code, cursor); }
        catch (Exception e) when (e is not OutOfMemoryException) { return new CompletionResult(Array.Empty<string>(), cursor, cursor); }
    }

    public InspectionResult? Inspect(string code, int cursor)
    {
        try { return CodeIntelligence.Inspect(Model(code), code, cursor); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }

    public Completeness IsComplete(string code)
    {
        try
        {
            var magics = Magics.Parse(code);
            return CodeIntelligence.IsComplete(PackageDirectives.Parse(magics.Code).Code, _parseOptions);
        }
        catch (Exception e) when (e is UnknownMagicException or PackageException) { return new Completeness("invalid", ""); }
    }

    private SemanticModel Model(string code)
    {
        AwaitWarmUp();
        var compilation = Continue(code).GetCompilation();
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == _cellPath || t.ToString() == code);
        return compilation.GetSemanticModel(tree);
    }

    private Table WhoTable()
    {
        var table = new Table("Name", "Type", "Value");
        foreach (var v in Variables)
        {
            var text = v.Value is null ? "null" : SafeText(v.Value);
            table.AddRow(v.Name, v.TypeName, text.Length > 60 ? text[..57] + "..." : text);
        }
        return table;
    }

    private static string SafeText(object value)
    {
        try { return Formatter.ToCellText(value).Replace('\n', ' '); }
        catch (Exception e) when (e is not OutOfMemoryException) { return $"<{e.GetType().Name}>"; }
    }

    internal static string FriendlyTypeName(Type type)
    {
        if (type.IsArray) return FriendlyTypeName(type.GetElementType()!) + "[]";
        if (Nullable.GetUnderlyingType(type) is { } inner) return FriendlyTypeName(inner) + "?";
        if (type.IsGenericType)
        {
            var name = type.Name;
            var tick = name.IndexOf('`');
            if (tick > 0) name = name[..tick];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyTypeName))}>";
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => "int", TypeCode.Int64 => "long", TypeCode.String => "string", TypeCode.Boolean => "bool",
            TypeCode.Double => "double", TypeCode.Decimal => "decimal", TypeCode.Single => "float", _ => type.Name,
        };
    }

    private static readonly Lazy<string[]> LibraryNamespaces = new(() =>
        typeof(Table).Assembly.GetExportedTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns != null && (ns == "Ops" || ns.StartsWith("Ops.", StringComparison.Ordinal)))
            .Distinct()
            .OrderBy(ns => ns, StringComparer.Ordinal)
            .ToArray()!);

    /// <summary>
    /// One set of reference objects for every session in the process: Roslyn keeps the symbols it
    /// reads from a reference with the reference, so sessions after the first (`ops run` of several
    /// notebooks) reuse them instead of reading the framework again.
    /// </summary>
    private static readonly Lazy<MetadataReference[]> SharedReferences = new(() => DefaultReferences().ToArray());

    private static IEnumerable<MetadataReference> DefaultReferences()
    {
        var assemblies = new[]
        {
            typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(Console).Assembly,
            typeof(System.Text.RegularExpressions.Regex).Assembly, typeof(System.Net.Http.HttpClient).Assembly,
            typeof(System.Net.IPAddress).Assembly, typeof(System.Text.Json.JsonSerializer).Assembly,
            typeof(System.Collections.Concurrent.ConcurrentDictionary<,>).Assembly, typeof(System.Diagnostics.Process).Assembly,
            typeof(System.ComponentModel.Component).Assembly, typeof(System.Xml.Linq.XDocument).Assembly,
            typeof(System.Net.Sockets.Socket).Assembly, typeof(System.Linq.Expressions.Expression).Assembly,
            typeof(System.Runtime.CompilerServices.DynamicAttribute).Assembly, typeof(Uri).Assembly,
            typeof(System.Xml.XmlDocument).Assembly, typeof(System.Collections.Immutable.ImmutableArray).Assembly,
            typeof(System.Security.Cryptography.SHA256).Assembly, typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(Table).Assembly,
        };
        return assemblies.Distinct().Select(Reference);
    }

    /// <summary>A reference with its XML documentation (beside it, or from the reference pack), for inspect.</summary>
    private static MetadataReference Reference(Assembly assembly)
    {
        var path = assembly.Location;
        // Mapped, not read: MetadataReference.CreateFromFile copies the whole file into memory, and
        // framework assemblies carry their precompiled code (about 50 MB for the default set) while
        // the compiler only reads their metadata.
        var metadata = AssemblyMetadata.CreateFromStream(File.OpenRead(path), System.Reflection.PortableExecutable.PEStreamOptions.Default);
        return metadata.GetReference(documentation: XmlDocs.For(path), filePath: path);
    }

    /// <summary>
    /// Collects what finished sessions or retired chains left: compilations are garbage at once, a
    /// chain's code after its load context's finalizer pass, hence the second collection.
    /// </summary>
    internal static void ReleaseMemory()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public void Dispose()
    {
        // The cells' code is freed once nothing from them is referenced any more. (A warm-up still
        // compiling would fail loudly into an unloading context; its chain is dropped with the engine.)
        if (_warmUp.IsCompleted) _retired.Add(_chain.Unload());
        foreach (var chain in _bases) _retired.Add(chain.Unload());
        _gate.Dispose();
        _unusedLoader.Dispose();
    }
}
