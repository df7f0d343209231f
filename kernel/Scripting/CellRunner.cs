using Ops.Display;

namespace Ops.Kernel.Scripting;

/// <summary>
/// Runs a compiled cell on its own thread, with its Console captured, its displays and prompts
/// routed to the host and its resources disposed, and decides what an interrupt did: stopped the
/// cell, or (when the cell ignores its token) left it running, abandoned.
/// </summary>
internal static class CellRunner
{
    /// <summary>How long an interrupted cell may keep running before it is reported stuck and abandoned.</summary>
    public static TimeSpan StuckGracePeriod { get; } = TimeSpan.FromSeconds(2);

    private static int _abandoned;

    /// <summary>
    /// Cells of any session abandoned after an interrupt that are still running. .NET cannot stop
    /// their threads: only a new process can, which is why hosts offer (kernel) or do (ops run) a restart.
    /// </summary>
    public static int AbandonedRunning => Volatile.Read(ref _abandoned);

    /// <summary>
    /// The finished run, or null when the cell did not stop within <see cref="StuckGracePeriod"/> of
    /// <paramref name="interrupt"/>. A cell that ran to its end is part of the session; an abandoned one
    /// runs on a copy of the session's states and never will be.
    /// </summary>
    public static async Task<SubmissionRun?> RunAsync(SubmissionChain chain, CompiledSubmission submission, ScriptGlobals globals,
        IExecutionHost host, CancellationToken interrupt)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var run = Task.Factory.StartNew(() => RunOnOwnThread(chain, submission, globals, host, cts.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (interrupt.Register(() => interrupted.TrySetResult()).ConfigureAwait(false))
        {
            if (await Task.WhenAny(run, interrupted.Task).ConfigureAwait(false) != run
                && await Task.WhenAny(run, Task.Delay(StuckGracePeriod, CancellationToken.None)).ConfigureAwait(false) != run)
            {
                // The cell ignores its token (a blocking call without one). Leave it running and let
                // the frontend go on; the session stays at its state before this cell.
                Interlocked.Increment(ref _abandoned);
                _ = run.ContinueWith(t => { Interlocked.Decrement(ref _abandoned); _ = t.Exception; }, TaskScheduler.Default);
                return null;
            }
        }

        var finished = await run.ConfigureAwait(false);
        finished.Interrupted = finished.Exception is OperationCanceledException && cts.IsCancellationRequested;
        return finished;
    }

    /// <summary>What a stuck cell reports.</summary>
    public static string StuckMessage =>
        $"the cell did not stop within {StuckGracePeriod.TotalSeconds:0} s of the interrupt and was abandoned; " +
        "it is still running on a background thread, which only a restart stops: restart the kernel " +
        "(Kernel > Restart; `ops run` restarts by itself). Pass `Token` to blocking calls so they can be interrupted.";

    private static async Task<SubmissionRun> RunOnOwnThread(SubmissionChain chain, CompiledSubmission submission, ScriptGlobals globals,
        IExecutionHost host, CancellationToken token)
    {
        Ops.Cancellation.Set(token);
        globals.Host = host;
        using var streams = new CellStreams(host);
        // Displays, clears and prompts go through the streams' host, which sends buffered Console text first.
        using var display = DisplayContext.Use(streams.Host);
        using var secretPrompt = Ops.Secrets.Secret.UsePrompt(prompt => streams.Host.ReadInput(prompt, password: true));
        using var capture = ConsoleCapture.Begin(streams);
        var resources = CellResources.Begin();
        var run = await chain.RunAsync(submission).ConfigureAwait(false);
        var disposeFailure = await CellResources.DisposeAsync(resources).ConfigureAwait(false);
        run.Exception ??= disposeFailure;
        return run;
    }
}
