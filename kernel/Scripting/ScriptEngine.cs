using System.Diagnostics;
using System.Globalization;
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
    public static TimeSpan StuckGracePeriod => CellRunner.StuckGracePeriod;

    /// <inheritdoc cref="CellRunner.AbandonedRunning"/>
    public static int AbandonedRunning => CellRunner.AbandonedRunning;

    /// <summary>
    /// The line a host shows before each cell while abandoned cells still run (null when none), so a
    /// slow session has a visible reason; <paramref name="advice"/> says how that host ends them.
    /// </summary>
    public static string? SpinningWarning(string host, string noun, string advice) =>
        AbandonedRunning is > 0 and var n
            ? $"[{host}: {n} abandoned {noun}{(n == 1 ? " is" : "s are")} still running on a thread that cannot be stopped, using CPU; {advice}]"
            : null;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SessionPackages _packages;
    private readonly ScriptGlobals _globals = new();
    private readonly SubmissionCompiler _compiler;
    private readonly SessionChains _chains;
    private readonly Task _warmUp;

    /// <summary>The formatters this session's cells register; current while a cell runs, gone with the session.</summary>
    private readonly FormatterRegistry _formatters = new();

    public ScriptEngine(EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        CompilerPrimer.Start();
        ConsoleCapture.Install();
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        _packages = new SessionPackages(new PackageRestorer(options.PackageCache ?? PackageRestorer.DefaultCacheRoot, workingDirectory));
        _compiler = new SubmissionCompiler(options, workingDirectory);
        _chains = new SessionChains(_globals, new ReferenceLoadContext());
        // Start the session at once: the first Roslyn compile (JIT, metadata loading) then overlaps
        // the frontend connecting or the user typing, and the first real cell is a cheap continuation.
        // On a thread of its own (LongRunning), like the primer's: hundreds of ms of CPU on a pool
        // thread kept the sockets' continuations (heartbeats) waiting on 2 cores.
        _warmUp = Task.Factory.StartNew(WarmUpAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <inheritdoc cref="SessionChains.RebaseEvery"/>
    public int RebaseEvery { get => _chains.RebaseEvery; init => _chains.RebaseEvery = value; }

    /// <inheritdoc cref="SessionChains.Rebases"/>
    public int Rebases => _chains.Rebases;

    /// <inheritdoc cref="SessionChains.Retired"/>
    internal IReadOnlyList<WeakReference> RetiredChains => _chains.Retired;

    /// <inheritdoc cref="SessionChains.BaseSubmissions"/>
    internal int BaseSubmissions => _chains.BaseSubmissions;

    /// <summary>Cells executed so far, successful or not.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The session's variables, the latest declaration of each name.</summary>
    public IReadOnlyList<ScriptVariable> Variables
    {
        get
        {
            AwaitWarmUp();
            return _chains.Current.LatestVariables().Select(v => new ScriptVariable(v.Name, TypeNames.Friendly(v.Type), v.Value)).ToList();
        }
    }

    /// <summary>Completes when the session has started (the first compile done); never faults.</summary>
    public Task Ready => _warmUp;

    private async Task WarmUpAsync()
    {
        try
        {
            var chain = _chains.Current;
            // A value, not an empty script: that way the warm-up also emits and loads an entry point
            // (async lowering, the metadata writer), which an empty script skips and the first
            // cell then paid for (197 ms -> 28-47 ms for the first cell; start 0.55 -> 0.53 s).
            var warm = chain.Compile(_compiler.NewChainScript("0"), CancellationToken.None);
            if (warm.Success) await chain.RunAsync(warm).ConfigureAwait(false);
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

    public async Task<ExecutionResult> ExecuteAsync(string code, IExecutionHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(host);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        await _warmUp.ConfigureAwait(false);
        using var formatters = Formatter.Use(_formatters);
        var wall = Stopwatch.StartNew();
        var cpuBefore = code.Contains("#!time", StringComparison.Ordinal) ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
        try
        {
            ExecutionCount++;
            await _chains.RebaseIfDueAsync(_compiler).ConfigureAwait(false);
            Magics magics;
            try { magics = Magics.Parse(code); }
            catch (UnknownMagicException e) { return ExecutionResult.Failed("UnknownMagic", e.Message) with { Duration = wall.Elapsed }; }

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
            GarbageBudget.Process.AfterCell();
            _gate.Release();
        }
    }

    private async Task<ExecutionResult> RunCellAsync(Magics magics, IExecutionHost host, CancellationToken cancellationToken)
    {
        if (magics.List) host.WriteStream("stdout", Magics.Describe() + "\n");
        if (magics.Who) host.Publish(Formatter.Format(WhoTable.For(Variables)), Guid.NewGuid().ToString("N"), isUpdate: false);
        PackageDirectives directives;
        try
        {
            directives = PackageDirectives.Parse(magics.Code);
            if (directives.Packages.Count + directives.Sources.Count > 0) await AddPackagesAsync(directives, host, cancellationToken).ConfigureAwait(false);
        }
        catch (PackageException e) { return ExecutionResult.Failed("PackageError", e.Message); }
        catch (OperationCanceledException) { return ExecutionResult.Interrupted(); }
        if (string.IsNullOrWhiteSpace(directives.Code)) return ExecutionResult.Ok();

        var root = _compiler.Parse(directives.Code, cancellationToken);
        if (SubmissionLog.DeclaresTypes(root)) await _chains.RebaseBeforeTypesAsync(_compiler).ConfigureAwait(false);
        var chain = _chains.Current;
        CompiledSubmission submission;
        try { submission = _compiler.Compile(chain, root, cancellationToken); }
        catch (OperationCanceledException) { return ExecutionResult.Interrupted(); }
        if (!submission.Success) return ExecutionResult.CompileError(submission.Errors);

        SubmissionRun? run;
        try { run = await CellRunner.RunAsync(chain, submission, _globals, host, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { return ExecutionResult.Threw(e, _compiler.CellPath); }
        if (run == null) return ExecutionResult.Stuck(CellRunner.StuckMessage);

        _chains.Record(root, chain, submission.Script);
        var (value, exception) = run.Take();
        if (exception != null) return run.Interrupted ? ExecutionResult.Interrupted() : ExecutionResult.Threw(exception, _compiler.CellPath);

        // A void call (`Console.WriteLine("x")` without `;`) has no value to show, and the handle `display(x)`
        // returns is not shown again.
        if (!submission.HasValue || value is DisplayHandle) return ExecutionResult.Ok();
        try
        {
            using (DisplayContext.Use(host))
                return ExecutionResult.Ok(Formatter.Format(value));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ExecutionResult.Threw(e, _compiler.CellPath);
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
        if (references.Count > 0) _compiler.AddReferences(references);
    }

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
            return CodeIntelligence.IsComplete(PackageDirectives.Parse(magics.Code).Code, _compiler.ParseOptions);
        }
        catch (Exception e) when (e is UnknownMagicException or PackageException) { return Completeness.Invalid; }
    }

    private Microsoft.CodeAnalysis.SemanticModel Model(string code)
    {
        AwaitWarmUp();
        return _compiler.Model(_chains.Current, code);
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
        // The cells' code is freed once nothing from them is referenced any more.
        _chains.Unload(includeCurrent: _warmUp.IsCompleted);
        _gate.Dispose();
        _compiler.Dispose();
    }
}
