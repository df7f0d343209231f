using Ops.Display;

namespace Ops.Tests.Display;

public class FormatterRegistryTests
{
    private sealed record Ap(string Name);

    [Fact]
    public void Registrations_go_to_the_current_session_and_end_with_its_scope()
    {
        var session = new FormatterRegistry();
        using (Formatter.Use(session))
        {
            Formatter.Register<Ap>(a => "ap " + a.Name);
            Assert.Equal("ap AP1", Formatter.ToPlainText(new Ap("AP1")));
        }
        Assert.Equal("Name: AP1", Formatter.ToPlainText(new Ap("AP1")));
        Assert.NotNull(session.Find(typeof(Ap)));
    }

    [Fact]
    public void Two_sessions_do_not_see_each_others_formatters()
    {
        var (a, b) = (new FormatterRegistry(), new FormatterRegistry());
        using (Formatter.Use(a)) Formatter.Register<Ap>(x => "a " + x.Name);
        using (Formatter.Use(b))
        {
            Assert.Equal("Name: AP1", Formatter.ToPlainText(new Ap("AP1")));
            Formatter.Register<Ap>(x => "b " + x.Name);
        }
        using (Formatter.Use(a)) Assert.Equal("a AP1", Formatter.ToPlainText(new Ap("AP1")));
        using (Formatter.Use(b)) Assert.Equal("b AP1", Formatter.ToPlainText(new Ap("AP1")));
    }

    [Fact]
    public async Task The_session_flows_into_work_the_cell_starts()
    {
        var session = new FormatterRegistry();
        using var scope = Formatter.Use(session);
        Formatter.Register<Ap>(a => "ap " + a.Name);
        Assert.Equal("ap AP2", await Task.Run(() => Formatter.ToPlainText(new Ap("AP2"))));
    }

    [Fact]
    public void Nested_scopes_restore_the_outer_session()
    {
        var (outer, inner) = (new FormatterRegistry(), new FormatterRegistry());
        using (Formatter.Use(outer))
        {
            using (Formatter.Use(inner)) Assert.Same(inner, Formatter.Current);
            Assert.Same(outer, Formatter.Current);
        }
        Assert.NotSame(outer, Formatter.Current);
    }
}
