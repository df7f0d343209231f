using Ops.Testing;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>The notebooks kept in notebooks/ must reproduce their stored outputs on their bundled data.</summary>
public class VersionedNotebookTests
{
    [Fact]
    public void Every_versioned_notebook_passes_verify()
    {
        var notebooks = System.IO.Path.Combine(RepositoryRoot.Path, "notebooks");
        Assert.NotEmpty(Directory.GetFiles(notebooks, "*.ipynb"));
        var (exit, stdout, stderr) = OpsProgram.Run(new[] { "verify", notebooks }, timeout: TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"ops verify notebooks exited {exit}\n{stdout}\n{stderr}");
        Assert.Contains(" 0 failed", stdout + stderr);
    }
}
