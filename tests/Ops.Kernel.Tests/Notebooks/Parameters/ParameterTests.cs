using Ops.Kernel.Notebooks;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

public class ParameterTests
{
    private const string Declarations = """
        string controller = "wlc1";
        var retries = 3;
        int port = 161;
        long bytes = 10L;
        bool dryRun = true;
        double threshold = 0.6;
        DateTime since = DateTime.Parse("2019-06-15T00:00:00Z");
        TimeSpan window = TimeSpan.FromMinutes(5);
        string[] aps = new[] { "AP1" };
        var community = "public";
        """;

    private static Dictionary<string, ParameterInput> P(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => ParameterInput.FromText(v.Value, "-p"));

    private static Notebook WithParameters(string parameters = Declarations) =>
        Create("nb.ipynb", Markdown("# x"), Code(parameters, "parameters"), Code("Console.WriteLine(controller);"));

    [Fact]
    public void Declarations_are_read_with_their_types()
    {
        var declared = ParameterDeclarations.Parse(Declarations, "cell 1");
        Assert.Equal(
            ["string controller", "int retries", "int port", "long bytes", "bool dryRun", "double threshold", "DateTime since", "TimeSpan window", "string[] aps", "string community"],
            declared.Select(d => $"{d.TypeName} {d.Name}"));
        Assert.Equal(2, declared[1].Line);
    }

    [Fact]
    public void Injected_cell_follows_the_parameters_cell_with_converted_values()
    {
        var notebook = WithParameters();
        var applied = ParameterInjection.Apply(notebook, P(("retries", "5"), ("controller", "wlc2")));
        Assert.Equal(2, applied.Count);
        var injected = notebook.Cells[2];
        Assert.True(injected.HasTag(ParameterInjection.InjectedTag));
        Assert.Equal("injected-parameters", injected.Id);
        Assert.Equal("// Parameters given to `ops run`\nstring controller = \"wlc2\";\nint retries = 5;", injected.Source);
        Assert.Equal(4, notebook.Cells.Count);
    }

    [Theory]
    [InlineData("port", "162", "int port = 162;")]
    [InlineData("bytes", "-9000000000", "long bytes = -9000000000L;")]
    [InlineData("dryRun", "no", "bool dryRun = false;")]
    [InlineData("dryRun", "TRUE", "bool dryRun = true;")]
    [InlineData("threshold", "1e-3", "double threshold = 0.001;")]
    [InlineData("threshold", "2", "double threshold = 2.0;")]
    [InlineData("since", "2019-06-15T00:02:25Z", "DateTime since = System.DateTime.Parse(\"2019-06-15T00:02:25.0000000Z\", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);")]
    [InlineData("window", "1h30m", "TimeSpan window = System.TimeSpan.Parse(\"01:30:00\", System.Globalization.CultureInfo.InvariantCulture);")]
    [InlineData("window", "00:00:90", null)]
    [InlineData("window", "500ms", "TimeSpan window = System.TimeSpan.Parse(\"00:00:00.5000000\", System.Globalization.CultureInfo.InvariantCulture);")]
    [InlineData("aps", "AP1, AP2", "string[] aps = new string[] { \"AP1\", \"AP2\" };")]
    [InlineData("controller", "a \"quoted\"\\path", "string controller = \"a \\\"quoted\\\"\\\\path\";")]
    public void Each_type_converts_to_a_csharp_literal(string name, string value, string? expected)
    {
        var notebook = WithParameters();
        if (expected is null)
        {
            Assert.Throws<ParameterException>(() => ParameterInjection.Apply(notebook, P((name, value))));
            return;
        }
        ParameterInjection.Apply(notebook, P((name, value)));
        Assert.EndsWith("\n" + expected, notebook.Cells[2].Source);
    }

    [Fact]
    public void Yaml_lists_become_string_arrays()
    {
        using var temp = ExampleFiles.Temp();
        var file = temp.Write("p.yaml", "aps:\n  - AP1\n  - \"AP 2\"\ncontroller: wlc9\n");
        var notebook = WithParameters();
        ParameterInjection.Apply(notebook, ParameterFile.Load(file));
        Assert.Contains("string[] aps = new string[] { \"AP1\", \"AP 2\" };", notebook.Cells[2].Source);
        Assert.Contains("string controller = \"wlc9\";", notebook.Cells[2].Source);
    }

    [Theory]
    [InlineData("port", "16x1", "parameter port (-p): \"16x1\" is not a valid int")]
    [InlineData("dryRun", "maybe", "is not a valid bool: expected true or false")]
    [InlineData("threshold", "0,5", "is not a valid double")]
    [InlineData("since", "yesterday", "is not a valid DateTime")]
    [InlineData("window", "5 minutes", "is not a valid TimeSpan")]
    [InlineData("port", "99999999999", "is not a valid int")]
    public void Unconvertible_values_are_errors_naming_parameter_and_declaration(string name, string value, string expected)
    {
        var e = Assert.Throws<ParameterException>(() => ParameterInjection.Apply(WithParameters(), P((name, value))));
        Assert.Contains(expected, e.Message);
        Assert.Contains("declared as `", e.Message);
    }

    [Fact]
    public void Unknown_parameter_lists_the_declared_ones_and_nothing_is_injected()
    {
        var notebook = WithParameters("string controller = \"wlc1\";\nint retries = 3;");
        var e = Assert.Throws<ParameterException>(() => ParameterInjection.Apply(notebook, P(("controler", "x"), ("retries", "4"))));
        Assert.Contains("unknown parameter controler", e.Message);
        Assert.Contains("string controller, int retries", e.Message);
        Assert.Equal(3, notebook.Cells.Count);
    }

    [Fact]
    public void Parameters_without_a_parameters_cell_are_an_error()
    {
        var notebook = Create("nb.ipynb", Code("var x = 1;"));
        var e = Assert.Throws<ParameterException>(() => ParameterInjection.Apply(notebook, P(("x", "2"))));
        Assert.Contains("no cell is tagged \"parameters\"", e.Message);
    }

    [Fact]
    public void Secret_parameter_values_never_appear_in_errors()
    {
        var notebook = WithParameters("int snmpCommunity = 1;");
        var e = Assert.Throws<ParameterException>(() => ParameterInjection.Apply(notebook, P(("snmpCommunity", "s3cret-value"))));
        Assert.DoesNotContain("s3cret-value", e.Message);
        Assert.Contains("[REDACTED:parameter]", e.Message);
    }

    [Fact]
    public void Unsupported_declared_type_is_reported_with_its_line()
    {
        var e = Assert.Throws<ParameterException>(() => ParameterDeclarations.Parse("int a = 1;\nvar client = new HttpClient();", "nb.ipynb: cell 2"));
        Assert.Contains("nb.ipynb: cell 2, line 2: parameter `client`", e.Message);
    }

    [Fact]
    public void Running_again_replaces_the_previous_injected_cell()
    {
        var notebook = WithParameters();
        ParameterInjection.Apply(notebook, P(("retries", "5")));
        ParameterInjection.Apply(notebook, P(("retries", "6")));
        Assert.Single(notebook.Cells, c => c.HasTag(ParameterInjection.InjectedTag));
        Assert.EndsWith("int retries = 6;", notebook.Cells[2].Source);
    }

    [Fact]
    public void Dib_parameters_cell_is_the_one_starting_with_the_comment()
    {
        var notebook = Notebook.Parse("#!csharp\n\n// parameters\nstring name = \"a\";\n\n#!csharp\n\nname\n", "x.dib");
        ParameterInjection.Apply(notebook, P(("name", "b")));
        Assert.Equal("// Parameters given to `ops run`\nstring name = \"b\";", notebook.Cells[1].Source);
    }
}
