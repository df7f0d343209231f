using System.Diagnostics;
using System.Text.Json.Nodes;
using Ops.Testing;

namespace Ops.Kernel.Tests;

/// <summary>
/// What `dotnet pack kernel` (the README's install command) needs from the project's restore.
/// The pack's linux-x64 inner publish compiles a ReadyToRun composite, but it restores only once,
/// without a RID: unless that restore already asks for the crossgen compiler pack, a machine whose
/// NuGet folder lacks it fails the pack with NETSDK1094.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public void The_restore_without_a_runtime_identifier_fetches_the_crossgen_pack_the_linux_x64_package_compiles_with()
    {
        var assets = Path.Combine(RepositoryRoot.Path, "kernel", "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: build the solution first (test.sh does)");
        var downloads = JsonNode.Parse(File.ReadAllText(assets))!["project"]!["frameworks"]!["net10.0"]!["downloadDependencies"]!.AsArray()
            .Select(d => d!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Microsoft.NETCore.App.Crossgen2.linux-x64", downloads);
        Assert.Contains("Microsoft.NETCore.App.Runtime.linux-x64", downloads);
    }

    [Theory]
    [InlineData("linux-x64", "false")] // the ReadyToRun composite: precompiled code is not compiled again
    [InlineData("any", "")]            // the portable build: tiering is what makes it start at all
    public void Tiered_compilation_is_off_only_in_the_precompiled_package(string rid, string expected)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "msbuild", Path.Combine(RepositoryRoot.Path, "kernel", "Ops.Kernel.csproj"), "-nologo",
                             "-getProperty:TieredCompilation", $"-p:RuntimeIdentifier={rid}" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var msbuild = Process.Start(psi)!;
        var output = msbuild.StandardOutput.ReadToEnd().Trim();
        msbuild.WaitForExit();
        Assert.True(msbuild.ExitCode == 0, output + msbuild.StandardError.ReadToEnd());
        Assert.Equal(expected, output);
    }
}
