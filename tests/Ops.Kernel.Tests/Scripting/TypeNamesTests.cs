using System.Runtime.Loader;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

public class TypeNamesTests
{
    [Theory]
    [InlineData(typeof(int), "global::System.Int32")]
    [InlineData(typeof(int[,]), "global::System.Int32[,]")]
    [InlineData(typeof(long?), "global::System.Int64?")]
    [InlineData(typeof(Dictionary<string, List<int>>), "global::System.Collections.Generic.Dictionary<global::System.String, global::System.Collections.Generic.List<global::System.Int32>>")]
    [InlineData(typeof(Dictionary<string, int>.KeyCollection), "global::System.Collections.Generic.Dictionary<global::System.String, global::System.Int32>.KeyCollection")]
    public void Framework_types_get_their_global_name(Type type, string expected) =>
        Assert.Equal(expected, TypeNames.CSharp(type));

    [Fact]
    public void Types_source_cannot_name_have_none()
    {
        Assert.Null(TypeNames.CSharp(new { A = 1 }.GetType()));
        Assert.Null(TypeNames.CSharp(typeof(Hidden)));
    }

    [Fact]
    public void A_cell_type_is_named_by_its_simple_name_only_while_that_name_still_means_it()
    {
        // A type as a cell declares it: nested in Roslyn's submission class.
        var compilation = CSharpScript.Create("public record Ap(string Name);").GetCompilation();
        using var pe = new MemoryStream();
        Assert.True(compilation.Emit(pe).Success);
        pe.Position = 0;
        var ap = new AssemblyLoadContext("cell", isCollectible: true).LoadFromStream(pe).GetTypes().Single(t => t.Name == "Ap");
        Assert.True(TypeNames.IsSubmission(ap.DeclaringType!));

        Assert.Null(TypeNames.CSharp(ap));
        Assert.Null(TypeNames.CSharp(ap, _ => false));
        Assert.Equal("Ap", TypeNames.CSharp(ap, t => t == ap));
        Assert.Equal("global::System.Collections.Generic.List<Ap>[]", TypeNames.CSharp(typeof(List<>).MakeGenericType(ap).MakeArrayType(), t => t == ap));
    }

    private sealed class Hidden;
}
