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
}
