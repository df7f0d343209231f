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
    public async Task A_session_that_declares_types_is_rebased_onto_the_cells_that_declared_them()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 2 };
        await Run(engine, "record Ap(string Name, int Clients);\nenum Band { Ghz24, Ghz5 }");
        await Run(engine, "var first = new Ap(\"AP1\", 31);");
        await Run(engine, "var aps = new List<Ap> { first }; var band = Band.Ghz5; Ap? none = null;");
        await Run(engine, "var byName = aps.ToDictionary(a => a.Name);");
        await Run(engine, "aps.Add(new Ap(\"AP2\", 4));");
        Assert.True(engine.Rebases >= 1, $"rebases: {engine.Rebases}");
        Assert.Equal("35", (await Run(engine, "aps.Sum(a => a.Clients)")).Value?.PlainText);
        Assert.Equal("true", (await Run(engine, "ReferenceEquals(aps[0], first) && byName[\"AP1\"] is Ap && band == Band.Ghz5 && none is null")).Value?.PlainText);
        Assert.Equal("AP3", (await Run(engine, "new Ap(\"AP3\", 0).Name")).Value?.PlainText);
    }

    [Fact]
    public async Task A_chain_kept_for_its_types_holds_that_cell_not_its_neighbours()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 50 };
        for (var i = 0; i < 20; i++) await Run(engine, $"var x{i} = {i};");
        await Run(engine, "record Probe(string Host, int Ms);");
        for (var i = 20; i < 40; i++) await Run(engine, $"var p{i} = new Probe(\"db\", {i});");
        // The chain with the record stays loaded for the session; it must not also hold the 20
        // cells before it and the 20 after it (41 submissions when it did).
        Assert.True(engine.BaseSubmissions <= 3, $"base chains hold {engine.BaseSubmissions} submissions");
        Assert.Equal("28", (await Run(engine, "x3 + p25.Ms")).Value?.PlainText);
        Assert.Equal("web01", (await Run(engine, "new Probe(\"web01\", 1).Host")).Value?.PlainText);
        // A second declaration of the record is a new base of its own, as small.
        await Run(engine, "record Probe(string Host);");
        Assert.Equal("a", (await Run(engine, "new Probe(\"a\").Host")).Value?.PlainText);
    }

    [Fact]
    public async Task A_value_of_a_shadowed_cell_type_keeps_the_chain()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 2 };
        await Run(engine, "record Ap(string Name);");
        await Run(engine, "var old = new Ap(\"AP1\");");
        await Run(engine, "record Ap(string Name, int Clients);");
        // Its type (the first Ap) can no longer be named in source; being null, it would even
        // cast to the new Ap, and the variable would silently change type. (The move right after
        // the declaring cell carries nothing: `old` stays in the base, where it was declared.)
        await Run(engine, "var none = false ? old : null;");
        var rebases = engine.Rebases;
        await Run(engine, "var n = 1;");
        await Run(engine, "var m = 2;");
        Assert.Equal(rebases, engine.Rebases);
        Assert.Equal("AP1", (await Run(engine, "none = old; none.Name")).Value?.PlainText);
        Assert.Equal("4", (await Run(engine, "new Ap(\"AP2\", 4).Clients")).Value?.PlainText);
    }

    [Fact]
    public async Task Chains_after_the_cells_that_declared_types_are_unloaded()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 3 };
        await Run(engine, "record Ap(string Name, int Clients); var total = 0;");
        for (var i = 0; i < 12; i++) await Run(engine, $"total += new Ap(\"AP{i}\", {i}).Clients;");
        Assert.True(engine.Rebases >= 3, $"rebases: {engine.Rebases}");
        Assert.NotEmpty(engine.RetiredChains);
        Assert.Equal("66", (await Run(engine, "total")).Value?.PlainText);
        Assert.True(await WaitUntilCollected(engine.RetiredChains), "a retired submission chain is still loaded");
    }

    [Fact]
    public async Task Disposing_the_session_unloads_every_chain_including_the_bases()
    {
        var engine = new ScriptEngine() { RebaseEvery = 2 };
        await Run(engine, "record Ap(string Name);");
        await Run(engine, "var a = new Ap(\"AP1\");");
        await Run(engine, "record Band(int Ghz);");
        await Run(engine, "var b = new Band(5);");
        await Run(engine, "var c = 3;");
        await Run(engine, "var d = 4;");
        Assert.True(engine.Rebases >= 2, $"rebases: {engine.Rebases}");
        Assert.Equal("AP1 5", (await Run(engine, "$\"{a.Name} {b.Ghz}\"")).Value?.PlainText);
        engine.Dispose();
        Assert.True(engine.RetiredChains.Count >= 3, $"unloaded: {engine.RetiredChains.Count}");
        Assert.True(await WaitUntilCollected(engine.RetiredChains), "a chain outlived its session");
    }

    [Fact]
    public async Task The_code_of_earlier_chains_is_unloaded()
    {
        using var engine = new ScriptEngine() { RebaseEvery = 3 };
        await Run(engine, "var total = 0;");
        for (var i = 0; i < 12; i++) await Run(engine, $"total += {i};");
        Assert.True(engine.Rebases >= 3, $"rebases: {engine.Rebases}");
        Assert.Equal("66", (await Run(engine, "total")).Value?.PlainText);
        Assert.True(await WaitUntilCollected(engine.RetiredChains), "a retired submission chain is still loaded");
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
        Assert.True(await WaitUntilCollected(engine.RetiredChains), "a formatter cache kept a retired chain loaded");
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
        Assert.False(await WaitUntilCollected(engine.RetiredChains, rounds: 5));
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

    /// <summary>
    /// Collects until every reference is dead, for up to <paramref name="rounds"/> tenths of a second
    /// (unloading takes more than one GC). It runs on another thread: the test's code after an
    /// <c>await</c> runs inline inside the engine's finishing frames, whose locals still hold the
    /// last cell's value.
    /// </summary>
    private static Task<bool> WaitUntilCollected(IReadOnlyList<WeakReference> references, int rounds = 100) => Task.Run(() =>
    {
        for (var i = 0; i < rounds && references.Any(r => r.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (references.Any(r => r.IsAlive)) Thread.Sleep(100);
        }
        return references.All(r => !r.IsAlive);
    });
}
