using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

public class SharedAssemblyResolverTests
{
    private static SharedAssemblyResolver Session(string directory) =>
        new(ScriptMetadataResolver.Default.WithBaseDirectory(directory).WithSearchPaths(directory));

    private static readonly MetadataReference Library = MetadataReference.CreateFromFile(typeof(Ops.Display.Table).Assembly.Location);

    private static AssemblyIdentity Identity(string name)
    {
        var reference = typeof(Ops.Display.Table).Assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == name);
        Assert.True(AssemblyIdentity.TryParseDisplayName(reference?.FullName ?? name, out var identity));
        return identity!;
    }

    [Fact]
    public void Every_session_and_chain_gets_the_same_reference_for_a_missing_framework_assembly()
    {
        // The library points at System.Runtime, which no session references itself: Roslyn asks for it in
        // every new compilation chain. One reference object, so the file is read once per process.
        using var one = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        using var two = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var first = Session(one.Path).ResolveMissingAssembly(Library, Identity("System.Runtime"));
        var again = Session(one.Path).ResolveMissingAssembly(Library, Identity("System.Runtime"));
        var other = Session(two.Path).ResolveMissingAssembly(Library, Identity("System.Runtime"));
        Assert.NotNull(first);
        Assert.Equal("System.Runtime.dll", Path.GetFileName(first.FilePath));
        Assert.Same(first, again);
        Assert.Same(first, other);
    }

    [Fact]
    public void An_assembly_that_is_nowhere_stays_missing()
    {
        using var dir = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var nowhere = new AssemblyIdentity("No.Such.Assembly", new Version(1, 0, 0, 0));
        Assert.Null(Session(dir.Path).ResolveMissingAssembly(Library, nowhere));
        Assert.Null(Session(dir.Path).ResolveMissingAssembly(Library, nowhere));
    }

    [Fact]
    public void A_path_written_with_r_is_still_resolved_in_the_sessions_own_directory()
    {
        using var one = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        using var two = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        File.Copy(typeof(Ops.Display.Table).Assembly.Location, Path.Combine(one.Path, "probe.dll"));
        var found = Session(one.Path).ResolveReference("probe.dll", baseFilePath: null, MetadataReferenceProperties.Assembly);
        Assert.Equal(Path.Combine(one.Path, "probe.dll"), Assert.Single(found).FilePath);
        Assert.Empty(Session(two.Path).ResolveReference("probe.dll", baseFilePath: null, MetadataReferenceProperties.Assembly));
    }
}
