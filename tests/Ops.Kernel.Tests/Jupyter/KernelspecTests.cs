using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter;

namespace Ops.Kernel.Tests.Jupyter;

public class KernelspecTests
{
    [Fact]
    public void Install_writes_ops_csharp_with_message_interrupt_and_a_launchable_argv_then_uninstall_removes_it()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ops-spec-{Guid.NewGuid():N}");
        try
        {
            var (code, output) = KernelspecFixture.RunOps("jupyter", "install", "--prefix", root);
            Assert.True(code == 0, output);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "share", "jupyter", "kernels", "ops-csharp", "kernel.json")))!.AsObject();
            Assert.Equal("C# (ops)", json["display_name"]!.GetValue<string>());
            Assert.Equal("csharp", json["language"]!.GetValue<string>());
            Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
            var argv = json["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.True(File.Exists(argv[0]), $"argv[0] {argv[0]} does not exist");
            Assert.Equal(["kernel", "-f", "{connection_file}"], argv[^3..]);

            (code, output) = KernelspecFixture.RunOps("jupyter", "uninstall", "--prefix", root);
            Assert.True(code == 0, output);
            Assert.False(Directory.Exists(Path.Combine(root, "share", "jupyter", "kernels", "ops-csharp")));
            (code, output) = KernelspecFixture.RunOps("jupyter", "uninstall", "--prefix", root);
            Assert.Equal(Ops.Kernel.Cli.ExitCodes.InputError, code);
            Assert.Contains("no ops-csharp kernelspec", output);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    private static readonly string[] KernelArguments = ["kernel", "-f", "{connection_file}"];

    /// <summary>A file at <paramref name="relative"/> under <paramref name="root"/> (directories made).</summary>
    private static string Touch(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void A_platform_specific_tool_install_launches_through_its_command_not_the_versioned_store_path()
    {
        // `dotnet tool install --tool-path T` of the linux-x64 package: T/ops links to the binary in the store,
        // and the process path is the link's target. `dotnet tool update` replaces that folder.
        using var tools = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var binary = Touch(tools.Path, ".store/ops.kernel/0.1.0/ops.kernel.linux-x64/0.1.0/tools/net10.0/linux-x64/ops");
        var command = Path.Combine(tools.Path, "ops");
        File.CreateSymbolicLink(command, binary);
        Assert.Equal([command, .. KernelArguments], Kernelspec.LaunchArguments(binary, Path.ChangeExtension(binary, ".dll")));
    }

    [Fact]
    public void A_portable_tool_run_by_the_dotnet_host_launches_through_its_command_without_the_dll()
    {
        using var tools = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var dll = Touch(tools.Path, ".store/ops.kernel/0.1.0/ops.kernel/0.1.0/tools/net10.0/any/ops.dll");
        var command = Touch(tools.Path, "ops");
        Assert.Equal([command, .. KernelArguments], Kernelspec.LaunchArguments("/usr/share/dotnet/dotnet", dll));
    }

    [Fact]
    public void A_store_without_the_command_beside_it_keeps_the_running_binary()
    {
        using var tools = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var binary = Touch(tools.Path, ".store/ops.kernel/0.1.0/ops.kernel.linux-x64/0.1.0/tools/net10.0/linux-x64/ops");
        Touch(tools.Path, "other-tool");
        Assert.Equal([binary, .. KernelArguments], Kernelspec.LaunchArguments(binary, Path.ChangeExtension(binary, ".dll")));
    }

    [Fact]
    public void A_build_output_launches_the_binary_or_the_dll_under_the_dotnet_host()
    {
        using var build = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var binary = Touch(build.Path, "kernel/bin/Release/net10.0/ops");
        var dll = Touch(build.Path, "kernel/bin/Release/net10.0/ops.dll");
        Touch(build.Path, "kernel/bin/ops"); // an ops beside a folder that is not a store changes nothing
        Assert.Equal([binary, .. KernelArguments], Kernelspec.LaunchArguments(binary, dll));
        Assert.Equal(["/usr/bin/dotnet", dll, .. KernelArguments], Kernelspec.LaunchArguments("/usr/bin/dotnet", dll));
    }

    [Fact]
    public void Kernel_with_unreadable_connection_file_says_which_file_and_exits_nonzero()
    {
        var (code, output) = KernelspecFixture.RunOps("kernel", "-f", "/nonexistent/kernel-1.json");
        Assert.Equal(Ops.Kernel.Cli.ExitCodes.InputError, code);
        Assert.Contains("/nonexistent/kernel-1.json", output);
    }

    public static IEnumerable<object[]> BundledNotebooks() =>
        Directory.GetFiles(Path.Combine(Ops.Testing.RepositoryRoot.Path, "notebooks"), "*.ipynb")
            .Concat(Directory.GetFiles(Path.Combine(Ops.Testing.RepositoryRoot.Path, "tests", "Ops.Kernel.Tests", "Jupyter", "peer"), "*.ipynb"))
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetRelativePath(Ops.Testing.RepositoryRoot.Path, f) });

    /// <summary>nbclient and nbconvert start the kernel a notebook names: it must be the one `ops jupyter install` installs.</summary>
    [Theory]
    [MemberData(nameof(BundledNotebooks))]
    public void Every_bundled_notebook_names_the_installed_kernelspec(string notebook)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Ops.Testing.RepositoryRoot.Path, notebook)))!;
        var spec = json["metadata"]?["kernelspec"];
        Assert.Equal(Ops.Kernel.Jupyter.Kernelspec.Name, (string?)spec?["name"]);
        Assert.Equal(Ops.Kernel.Jupyter.Kernelspec.DisplayName, (string?)spec?["display_name"]);
        Assert.Equal("csharp", (string?)spec?["language"]);
    }

    [Fact]
    public void Cursor_positions_convert_between_code_points_and_utf16()
    {
        var text = "a😀b";
        Assert.Equal(3, Ops.Kernel.Jupyter.CursorPosition.ToUtf16(text, 2));
        Assert.Equal(2, Ops.Kernel.Jupyter.CursorPosition.ToCodePoints(text, 3));
        Assert.Equal(4, Ops.Kernel.Jupyter.CursorPosition.ToUtf16(text, 10));
    }
}
