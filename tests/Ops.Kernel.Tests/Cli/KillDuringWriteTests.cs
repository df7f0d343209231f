using System.Diagnostics;
using System.Text.Json;
using Ops.Testing;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Cli;

/// <summary>SIGKILL at random points of `ops run --html` leaves the previous good files or the new ones, never a cut one.</summary>
public class KillDuringWriteTests
{
    private static void AssertWhole(string notebook, string html, string when)
    {
        using (JsonDocument.Parse(File.ReadAllText(notebook))) { } // throws on a cut file
        var page = File.ReadAllText(html);
        Assert.True(page.EndsWith("</html>\n", StringComparison.Ordinal), $"{when}: {html} is cut at {page.Length} characters");
        Assert.Contains("rows written", File.ReadAllText(notebook));
    }

    [Fact]
    public void Sigkill_at_random_points_never_leaves_a_truncated_notebook_or_page()
    {
        using var temp = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        // Several megabytes of output, so writing takes long enough to be hit.
        var path = Save(temp.Path, "big.ipynb",
            Code("var sb = new System.Text.StringBuilder(); for (var i = 0; i < 60_000; i++) sb.Append(\"row \").Append(i).Append(\" of the incident log\\n\"); Console.Write(sb.ToString()); \"rows written\""));
        var output = Path.Combine(temp.Path, "out");
        var notebook = Path.Combine(output, "big.ipynb");
        var html = Path.Combine(output, "big.html");

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, OpsProgram.Run(["run", path, "--output", output, "--html"]).ExitCode);
        var full = clock.Elapsed;
        AssertWhole(notebook, html, "first run");

        var random = new Random(19);
        for (var i = 0; i < 5; i++)
        {
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { OpsProgram.Dll, "run", path, "--output", output, "--html" }) psi.ArgumentList.Add(a);
            using var run = Process.Start(psi)!;
            _ = run.StandardError.ReadToEndAsync();
            _ = run.StandardOutput.ReadToEndAsync();
            // The writes come at the end of a run: aim most kills at its second half.
            var at = TimeSpan.FromMilliseconds(full.TotalMilliseconds * (0.4 + 0.7 * random.NextDouble()));
            run.WaitForExit(at);
            if (!run.HasExited) run.Kill(); // SIGKILL
            run.WaitForExit(10_000);
            AssertWhole(notebook, html, $"kill {i + 1} at {at.TotalMilliseconds:0} ms of {full.TotalMilliseconds:0}");
        }
    }
}
