using System.Text.RegularExpressions;
using Ops.Kernel.Jupyter;
using Ops.Kernel.Scripting;
using Ops.Testing;

namespace Ops.Kernel.Tests.Scripting;

public class ProductVersionTests
{
    [Fact]
    public void Is_the_package_version_without_the_source_revision()
    {
        var assembly = typeof(ProductVersion).Assembly.GetName().Version!;
        Assert.Equal($"{assembly.Major}.{assembly.Minor}.{assembly.Build}", ProductVersion.Current);
    }

    [Fact]
    public void Kernel_info_reports_it() =>
        Assert.Equal(ProductVersion.Current, KernelInfo.Reply()["implementation_version"]!.GetValue<string>());

    /// <summary>The layers below the command line read the version from Scripting, never from Cli.</summary>
    [Theory]
    [InlineData("Scripting")]
    [InlineData("Jupyter")]
    [InlineData("Notebooks")]
    [InlineData("Repl")]
    public void Layers_below_the_command_line_do_not_reach_up_into_it(string layer)
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "kernel", layer), "*.cs", SearchOption.AllDirectories)
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"\bCli\.|Ops\.Kernel\.Cli\b"))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f));
        Assert.Empty(offenders);
    }
}
