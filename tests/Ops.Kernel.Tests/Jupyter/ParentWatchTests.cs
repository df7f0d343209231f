using System.Diagnostics;
using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter;
using Ops.Testing;

namespace Ops.Kernel.Tests.Jupyter;

public class ParentWatchTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("1", null)]        // init never goes away
    [InlineData("abc", null)]
    [InlineData("-5", null)]
    [InlineData("4242", 4242)]
    public void Jpy_parent_pid_is_read_as_ipykernel_reads_it(string? value, int? expected) =>
        Assert.Equal(expected, ParentWatch.NamedParent(value));

    [Fact]
    public void The_kernel_stops_when_re_parented_or_when_the_named_parent_is_gone()
    {
        Assert.Null(ParentWatch.Gone(parentAtStart: 100, parentNow: 100, named: null, namedIsGone: false));
        Assert.Contains("parent process 100 has exited", ParentWatch.Gone(100, 1, null, false));
        Assert.Contains("parent process 100 has exited", ParentWatch.Gone(100, 37, null, false)); // a subreaper, not init
        Assert.Null(ParentWatch.Gone(100, 100, 200, namedIsGone: false));
        Assert.Contains("JPY_PARENT_PID 200 has exited", ParentWatch.Gone(100, 100, 200, namedIsGone: true));
        Assert.Null(ParentWatch.Gone(1, 1, null, false)); // started by init: nothing to watch
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_kernel_whose_parent_is_killed_with_sigkill_exits_within_seconds(bool withJpyParentPid)
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Directory.CreateTempSubdirectory("ops-orphan-").FullName;
        try
        {
            var connection = Path.Combine(dir, "kernel.json");
            File.WriteAllText(connection, new JsonObject
            {
                ["transport"] = "tcp", ["ip"] = "127.0.0.1", ["key"] = "k", ["signature_scheme"] = "hmac-sha256",
                ["shell_port"] = FreePort.Tcp(), ["iopub_port"] = FreePort.Tcp(), ["stdin_port"] = FreePort.Tcp(),
                ["control_port"] = FreePort.Tcp(), ["hb_port"] = FreePort.Tcp(),
            }.ToJsonString());
            // The parent: a shell that starts the kernel in the background, says its pid, and waits.
            var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add((withJpyParentPid ? "JPY_PARENT_PID=$$ " : "") + "\"$0\" kernel -f \"$1\" & echo $!; wait");
            psi.ArgumentList.Add(KernelspecFixture.Ops);
            psi.ArgumentList.Add(connection);
            psi.Environment.Remove("JPY_PARENT_PID");
            using var parent = Process.Start(psi)!;
            var kernelPid = int.Parse(parent.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                var listening = Task.Run(() => { string? l; while ((l = parent.StandardError.ReadLine()) != null) if (l.Contains("kernel listening")) return true; return false; });
                Assert.True(await listening.WaitAsync(TimeSpan.FromSeconds(30)), "the kernel did not start");
                Assert.True(IsRunning(kernelPid));

                parent.Kill(); // SIGKILL: the parent gets no chance to stop its child
                var gone = Stopwatch.StartNew();
                while (IsRunning(kernelPid) && gone.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
                Assert.False(IsRunning(kernelPid), $"kernel {kernelPid} still running {gone.Elapsed.TotalSeconds:0.0} s after its parent was killed");
                Assert.True(gone.Elapsed < TimeSpan.FromSeconds(5), $"the kernel took {gone.Elapsed.TotalSeconds:0.0} s to exit");
            }
            finally
            {
                if (IsRunning(kernelPid)) Process.GetProcessById(kernelPid).Kill();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Alive and not a zombie (a container's init may not reap an orphan that exited).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException) { return false; }
    }
}
