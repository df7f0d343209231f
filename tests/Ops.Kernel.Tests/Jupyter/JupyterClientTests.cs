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

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void A_cell_that_cannot_be_stopped_is_reported_with_restart_advice_and_restart_ends_its_thread() => Scenario("stuck");

    [PeerFact(PythonModules = ["jupyter_client", "zmq"])]
    public void Wrong_key_runs_nothing_second_client_sees_iopub_and_random_bytes_do_not_kill() => Scenario("security");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void With_redact_secrets_never_leave_the_kernel() => Scenario("redact");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void Ipc_transport_from_the_connection_file_works() => Scenario("ipc");

    [PeerFact(PythonModules = ["jupyter_client", "nbclient", "nbformat"])]
    public void Nbclient_executes_a_notebook_end_to_end() => Scenario("notebook");

    [PeerFact(PythonModules = ["jupyter_client"])]
    public void A_cell_printing_a_hundred_thousand_lines_delivers_every_line_and_its_result() => Scenario("flood");

    public static IEnumerable<object[]> VersionedNotebooks() =>
        Directory.GetFiles(Path.Combine(Ops.Testing.RepositoryRoot.Path, "notebooks"), "*.ipynb")
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>nbclient through our kernel gives each versioned notebook the outputs `ops run` stored.</summary>
    [PeerTheory(PythonModules = ["jupyter_client", "nbclient", "nbformat"])]
    [MemberData(nameof(VersionedNotebooks))]
    public void Versioned_notebook_run_through_the_kernel_reproduces_its_stored_outputs(string notebook) =>
        Scenario("repo_notebook", Path.Combine(Ops.Testing.RepositoryRoot.Path, "notebooks", notebook));

    /// <summary>
    /// Debian's jupyter_kernel_test, the Jupyter project's kernel test suite, with a C# sample for every test it
    /// has (invalid code and clear_output included): all must pass and none may be skipped.
    /// </summary>
    [PeerFact(PythonModules = ["jupyter_client", "jupyter_kernel_test"])]
    public void The_jupyter_kernel_test_suite_passes_every_test()
    {
        var peerDir = Path.Combine(AppContext.BaseDirectory, "Jupyter", "peer");
        var env = new Dictionary<string, string>(spec.Environment) { ["PYTHONPATH"] = peerDir };
        using var peer = new PeerProcess("/usr/bin/python3", ["-m", "unittest", "-v", "jupyter_kernel_test_suite"], peerDir, env);
        var finished = peer.Process.WaitForExit(180_000);
        if (finished) peer.Process.WaitForExit();
        output.WriteLine(peer.Output);
        Assert.True(finished, $"jupyter_kernel_test did not finish in 180 s:\n{peer.Output}");
        Assert.True(peer.Process.ExitCode == 0, $"jupyter_kernel_test failed:\n{peer.Output}");
        Assert.Matches(@"Ran (1[2-9]|[2-9]\d) tests", peer.Output);
        Assert.DoesNotContain("skipped", peer.Output);
    }

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
