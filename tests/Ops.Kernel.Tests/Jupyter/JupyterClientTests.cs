using Ops.Testing;
using Xunit.Abstractions;

namespace Ops.Kernel.Tests.Jupyter;

/// <summary>
/// The kernel as Debian's jupyter_client and nbclient drive it: each test runs one scenario of
/// peer/kernel_scenarios.py against a kernel started from the installed kernelspec.
/// </summary>
public class JupyterClientTests(KernelspecFixture spec, ITestOutputHelper output) : IClassFixture<KernelspecFixture>
{
    [PeerFact(PythonModules = ["jupyter_client"])]
    public void Execute_display_error_complete_inspect_and_history_work_through_jupyter_client() => Scenario("basics");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void Console_ReadLine_sends_input_request_and_gets_the_answer() => Scenario("stdin");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void Interrupt_stops_an_endless_loop_within_a_second_and_keeps_variables() => Scenario("interrupt");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void Restart_gives_a_fresh_kernel_and_shutdown_exits_cleanly() => Scenario("restart");

    [PeerFact(PythonModules = ["jupyter_client", "zmq"])]
    public void Wrong_key_runs_nothing_second_client_sees_iopub_and_random_bytes_do_not_kill() => Scenario("security");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void With_redact_secrets_never_leave_the_kernel() => Scenario("redact");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void Ipc_transport_from_the_connection_file_works() => Scenario("ipc");

    [PeerFact(PythonModules = ["jupyter_client", "nbclient", "nbformat"])]
    public void Nbclient_executes_a_notebook_end_to_end() => Scenario("notebook");

    public static IEnumerable<object[]> VersionedNotebooks() =>
        Directory.GetFiles(Path.Combine(Ops.Testing.RepositoryRoot.Path, "notebooks"), "*.ipynb")
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>nbclient through our kernel gives each versioned notebook the outputs `ops run` stored.</summary>
    [PeerTheory(PythonModules = ["jupyter_client", "nbclient", "nbformat"])]
    [MemberData(nameof(VersionedNotebooks))]
    public void Versioned_notebook_run_through_the_kernel_reproduces_its_stored_outputs(string notebook) =>
        Scenario("repo_notebook", Path.Combine(Ops.Testing.RepositoryRoot.Path, "notebooks", notebook));

    private void Scenario(string name, string? argument = null)
    {
        var work = Path.Combine(spec.Root, "work-" + name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(work);
        var script = Path.Combine(AppContext.BaseDirectory, "Jupyter", "peer", "kernel_scenarios.py");
        using var peer = new PeerProcess("/usr/bin/python3", argument is null ? [script, name, work] : [script, name, work, argument], work, spec.Environment);
        var finished = peer.Process.WaitForExit(60_000);
        if (finished) peer.Process.WaitForExit(); // drain redirected output
        output.WriteLine(peer.Output);
        Assert.True(finished, $"scenario {name} did not finish in 60 s:\n{peer.Output}");
        Assert.True(peer.Process.ExitCode == 0 && peer.Output.Contains($"ok {name}"), $"scenario {name} failed:\n{peer.Output}");
    }
}
