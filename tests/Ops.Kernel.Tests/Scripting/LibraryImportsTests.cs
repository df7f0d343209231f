using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>Every library namespace is imported into a cell, so no two of them may export a type of the same name.</summary>
public class LibraryImportsTests
{
    [Fact]
    public async Task A_cell_naming_both_severities_compiles()
    {
        using var engine = new ScriptEngine();
        var result = await engine.ExecuteAsync("$\"{Severity.Warning} {FindingSeverity.High}\"", new RecordingHost(), CancellationToken.None);
        Assert.True(result.Status == ExecutionStatus.Ok, $"{result.Error?.Name}: {string.Join("\n", result.Error?.Traceback ?? [])}");
        Assert.Equal("Warning High", result.Value?.PlainText);
    }

    [Fact]
    public void No_two_imported_library_namespaces_export_the_same_type_name()
    {
        var clashes = typeof(Table).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && t.Namespace is { } ns && (ns == "Ops" || ns.StartsWith("Ops.", StringComparison.Ordinal)))
            .GroupBy(t => t.Name)
            .Where(g => g.Select(t => t.Namespace).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Namespace))}")
            .ToList();
        Assert.True(clashes.Count == 0, "a cell naming these fails with CS0104 (ambiguous reference):\n" + string.Join("\n", clashes));
    }
}
