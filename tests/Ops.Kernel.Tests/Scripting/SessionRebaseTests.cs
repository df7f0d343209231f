using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

public class SessionRebaseTests
{
    private static async Task<ExecutionResult> Run(ScriptEngine engine, string code)
    {
        var result = await engine.ExecuteAsync(code, new RecordingHost());
        Assert.True(result.Status == ExecutionStatus.Ok, $"{code}: {result.Error?.Message}");
        return result;
    }

    [Fact]
    public async Task A_rebased_session_keeps_variables_usings_methods_and_references()
    {
        using var engine = new ScriptEngine(new EngineOptions()) { RebaseEvery = 3 };
        var lib = typeof(Ops.Display.Table).Assembly.Location;
        await Run(engine, $"#r \"{lib}\"\nusing System.Text.Json;\nvar hosts = new List<string> {{ \"web01\" }};");
        await Run(engine, "int Twice(int n) => 2 * n;\nvar count = 21;");
        await Run(engine, "var map = new Dictionary<string, int[]> { [\"a\"] = new[] { 1, 2 } }; hosts.Add(\"web02\");");
        await Run(engine, "var nothing = (string?)null;");
        Assert.Equal(1, engine.Rebases);
        Assert.Equal("42", (await Run(engine, "Twice(count)")).Value?.PlainText);
        Assert.Equal("web01,web02", (await Run(engine, "string.Join(\",\", hosts)")).Value?.PlainText);
        Assert.Equal("[1,2]", (await Run(engine, "JsonSerializer.Serialize(map[\"a\"])")).Value?.PlainText);
        Assert.Equal("null", (await Run(engine, "nothing")).Value?.PlainText);
    }

    [Fact]
    public async Task Values_are_carried_by_reference_so_objects_stay_the_same()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 2 };
        await Run(engine, "var list = new List<int>(); var same = list;");
        await Run(engine, "list.Add(1);");
        await Run(engine, "list.Add(2);");
        Assert.Equal(1, engine.Rebases);
        Assert.Equal("true", (await Run(engine, "ReferenceEquals(list, same) && same.Count == 2")).Value?.PlainText);
    }

    [Fact]
    public async Task A_session_that_declares_types_is_not_rebased_and_keeps_working()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 2 };
        await Run(engine, "record Ap(string Name, int Clients);");
        await Run(engine, "var ap = new Ap(\"AP1\", 31);");
        await Run(engine, "var other = 1;");
        await Run(engine, "var more = 2;");
        Assert.Equal(0, engine.Rebases);
        Assert.Equal("31", (await Run(engine, "ap.Clients")).Value?.PlainText);
    }

    [Fact]
    public async Task The_code_of_earlier_chains_is_unloaded()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 3 };
        await Run(engine, "var total = 0;");
        for (var i = 0; i < 12; i++) await Run(engine, $"total += {i};");
        Assert.True(engine.Rebases >= 3, $"rebases: {engine.Rebases}");
        Assert.Equal("66", (await Run(engine, "total")).Value?.PlainText);
        Assert.True(WaitUntilCollected(engine.RetiredChains), "a retired submission chain is still loaded");
    }

    [Fact]
    public async Task Displaying_values_of_cell_types_does_not_keep_earlier_chains_loaded()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 3 };
        for (var i = 0; i < 10; i++)
        {
            var shown = await Run(engine, $"new {{ Ap = \"AP{i}\", Clients = {i} }}");
            Assert.Contains($"AP{i}", shown.Value?.PlainText);
        }
        Assert.True(engine.Rebases >= 2, $"rebases: {engine.Rebases}");
        Assert.True(WaitUntilCollected(engine.RetiredChains), "a formatter cache kept a retired chain loaded");
    }

    [Fact]
    public async Task A_lambda_from_an_earlier_chain_keeps_working_after_the_rebase()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 2 };
        await Run(engine, "Func<int, int> twice = n => 2 * n;");
        await Run(engine, "var x = 1;");
        await Run(engine, "var y = 2;");
        await Run(engine, "var z = 3;");
        Assert.True(engine.Rebases >= 1);
        // The lambda's code lives in the first chain, which therefore stays loaded.
        Assert.False(WaitUntilCollected(engine.RetiredChains));
        Assert.Equal("42", (await Run(engine, "twice(21)")).Value?.PlainText);
    }

    [Fact]
    public async Task A_referenced_assembly_keeps_its_types_across_rebases()
    {
        var dir = Directory.CreateTempSubdirectory("ops-rebase-ref-").FullName;
        var core = TestAssemblies.Compile(dir, "Wlc.Core", "namespace Wlc.Core; public static class Channels { public static int Next(int c) => c == 165 ? 36 : c + 4; }");
        TestAssemblies.Compile(dir, "Wlc.Extras",
            "namespace Wlc.Extras; public sealed class Plan { public int Channel { get; set; } public int Move() => Channel = Wlc.Core.Channels.Next(Channel); }", core);
        using var engine = new ScriptEngine(new EngineOptions { WorkingDirectory = dir }) { RebaseEvery = 2 };
        // Only Extras is referenced: Core is found next to it when Move() first runs.
        await Run(engine, "#r \"Wlc.Extras.dll\"\nvar plan = new Wlc.Extras.Plan { Channel = 161 };");
        await Run(engine, "var same = plan;");
        await Run(engine, "plan.Move();");
        await Run(engine, "plan.Move();");
        Assert.True(engine.Rebases >= 1);
        Assert.Equal("36", (await Run(engine, "plan.Channel")).Value?.PlainText);
        Assert.Equal("true", (await Run(engine, "plan is Wlc.Extras.Plan && ReferenceEquals(plan, same)")).Value?.PlainText);
    }

    /// <summary>Collects until every reference is dead; a few rounds, since unloading takes more than one GC.</summary>
    private static bool WaitUntilCollected(IReadOnlyList<WeakReference> references)
    {
        for (var i = 0; i < 20 && references.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return references.All(r => !r.IsAlive);
    }
}
