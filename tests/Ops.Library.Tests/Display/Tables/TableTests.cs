using Ops.Display;

namespace Ops.Tests.Display;

public class TableTests
{
    [Fact]
    public void Text_layout_aligns_columns_like_the_seed_wlap_table()
    {
        var table = new Table("Hostname", "MAC", "ChannelUtilization")
            .AddRow("AP1", "6c:9c:ed:eb:e0:a0", new Bar(53))
            .AddRow("AP10", "6c:9c:ed:eb:c9:2f", new Bar(7));
        var lines = table.ToPlainText().Split('\n');
        Assert.Equal("| Hostname | MAC               | ChannelUtilization |", lines[0]);
        Assert.Equal("| AP1      | 6c:9c:ed:eb:e0:a0 | [#####     ] 53 %  |", lines[1]);
        Assert.Equal("| AP10     | 6c:9c:ed:eb:c9:2f | [#         ] 7 %   |", lines[2]);
    }

    [Fact]
    public void Html_escapes_every_cell_and_header()
    {
        var table = new Table("<b>name</b>").AddRow("<script>alert('x')</script> & \"q\"");
        var html = table.ToHtml();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", html);
    }

    [Fact]
    public void Rows_beyond_the_limit_are_summarised()
    {
        var table = Table.From(Enumerable.Range(1, 150).Select(i => new { Id = i }));
        var text = table.ToPlainText();
        Assert.EndsWith("50 more rows", text);
        Assert.Equal(150, table.Rows.Count);
        Assert.Contains("| 100 |", text);
    }

    [Fact]
    public void A_row_with_the_wrong_cell_count_names_the_row_and_columns()
    {
        var table = new Table("a", "b");
        var e = Assert.Throws<ArgumentException>(() => table.AddRow(1));
        Assert.Contains("row 1 has 1 cells but the table has 2 columns (a, b)", e.Message);
    }

    [Fact]
    public void Json_keeps_numbers_as_numbers()
    {
        var json = new Table("n", "s").AddRow(3, "x").ToJson();
        Assert.Equal("[{\"n\":3,\"s\":\"x\"}]", json);
    }
}
