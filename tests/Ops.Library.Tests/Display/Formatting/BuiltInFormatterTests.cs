using System.Collections;
using System.Xml.Linq;
using Ops.Display;

namespace Ops.Tests.Display;

public class BuiltInFormatterTests
{
    private sealed record KilledProcess(string User, int Pid, double RssMb, string Command);

    private sealed class Node
    {
        public string Name { get; set; } = "";
        public Node? Next { get; set; }
    }

    private sealed class Throwing
    {
        public int Ok => 1;
        public int Broken => throw new InvalidOperationException("boom");
    }

    private static IEnumerable<int> Forever()
    {
        for (var i = 0; ; i++) yield return i;
    }

    [Fact]
    public void Record_is_shown_as_name_value_lines_and_a_two_column_table()
    {
        var bundle = Formatter.Format(new KilledProcess("xxxx", 45594, 2229.8, "index.fcgi"));
        Assert.Equal("User: xxxx\nPid: 45594\nRssMb: 2229.8\nCommand: index.fcgi", bundle.PlainText);
        var html = XElement.Parse(bundle[MimeTypes.Html]);
        var rows = html.Descendants("tr").Select(r => r.Elements().Select(e => e.Value).ToArray()).ToArray();
        Assert.Equal(new[] { "Pid", "45594" }, rows[1]);
        Assert.Equal("KilledProcess", html.Element("caption")!.Value);
    }

    [Fact]
    public void Anonymous_object_is_shown_as_properties()
    {
        Assert.Equal("Host: web01\nFreeMb: 268.39", Formatter.ToPlainText(new { Host = "web01", FreeMb = 268.39 }));
    }

    [Fact]
    public void Cyclic_object_graph_is_cut_off_instead_of_recursing()
    {
        var a = new Node { Name = "a" };
        var b = new Node { Name = "b", Next = a };
        a.Next = b;
        var text = Formatter.ToPlainText(a);
        Assert.Equal("Name: a\nNext: Node { Name = b, Next = Node { Name = a, Next = Node {…} } }", text);
    }

    [Fact]
    public void Throwing_property_shows_the_exception_type_and_the_rest_still_renders()
    {
        Assert.Equal("Ok: 1\nBroken: <InvalidOperationException>", Formatter.ToPlainText(new Throwing()));
    }

    [Fact]
    public void Sequence_of_records_becomes_a_table_with_a_column_per_property()
    {
        var kills = new List<KilledProcess> { new("xxxx", 45594, 2229.8, "index.fcgi"), new("yyyy", 1, 10, "cron") };
        var lines = Formatter.ToPlainText(kills).Split('\n');
        Assert.Equal("| User | Pid   | RssMb  | Command    |", lines[0]);
        Assert.Equal("| xxxx | 45594 | 2229.8 | index.fcgi |", lines[1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Sequence_typed_as_object_uses_the_common_runtime_type()
    {
        IEnumerable<object> items = new object[] { new KilledProcess("u", 1, 1, "a"), new KilledProcess("v", 2, 2, "b") };
        Assert.StartsWith("| User | Pid | RssMb | Command |", Formatter.ToPlainText(items));
    }

    [Fact]
    public void Primitives_and_strings_in_a_sequence_get_a_single_value_column()
    {
        Assert.Equal("| value |\n|     1 |\n|    22 |", Formatter.ToPlainText(new[] { 1, 22 }));
        Assert.Equal("| value |\n| AP1   |\n| AP10  |", Formatter.ToPlainText(new List<string> { "AP1", "AP10" }));
    }

    [Fact]
    public void Long_collection_shows_first_hundred_rows_and_counts_the_rest()
    {
        var table = Formatter.ToPlainText(Enumerable.Range(1, 250).ToList());
        Assert.Contains("|   100 |", table);
        Assert.DoesNotContain("|   101 |", table);
        Assert.EndsWith("150 more rows", table);
    }

    [Fact]
    public void Endless_sequence_stops_after_the_row_limit()
    {
        var text = Formatter.ToPlainText(Forever());
        Assert.Contains("|    99 |", text);
        Assert.DoesNotContain("|   100 |", text);
        Assert.EndsWith("more rows not shown (stopped after 100)", text);
    }

    [Fact]
    public void Nested_sequences_in_cells_are_shortened()
    {
        var text = Formatter.ToPlainText(new { Channels = Enumerable.Range(36, 20).ToList(), Forever = Forever() });
        Assert.Equal("Channels: [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, … (20 items)]\nForever: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]", text);
    }

    [Fact]
    public void Dictionary_becomes_a_key_value_table()
    {
        var d = new Dictionary<string, int> { ["WLC1"] = 64, ["WLC2"] = 63 };
        Assert.Equal("| key  | value |\n| WLC1 |    64 |\n| WLC2 |    63 |", Formatter.ToPlainText(d));
        var html = Formatter.Format(d)[MimeTypes.Html];
        Assert.Contains("<th>key</th><th>value</th>", html);
    }

    [Fact]
    public void Large_dictionary_is_capped_with_a_count_of_the_rest()
    {
        var d = Enumerable.Range(0, 130).ToDictionary(i => i, i => i * 2);
        Assert.EndsWith("30 more rows", Formatter.ToPlainText(d));
    }

    [Fact]
    public void Read_only_dictionary_without_IDictionary_still_shows_keys_and_values()
    {
        IEnumerable<KeyValuePair<string, string>> pairs = new[] { KeyValuePair.Create("host", "WLC1") };
        Assert.Equal("| key  | value |\n| host | WLC1  |", Formatter.ToPlainText(pairs));
    }

    [Fact]
    public void Exception_shows_type_message_and_inner_chain()
    {
        var e = new InvalidOperationException("walk failed on WLC1:161",
            new TimeoutException("no response after 2 s"));
        var bundle = Formatter.Format(e);
        Assert.Equal("InvalidOperationException: walk failed on WLC1:161\n ---> TimeoutException: no response after 2 s", bundle.PlainText);
        Assert.Contains("caused by <b>TimeoutException</b>: no response after 2 s", bundle[MimeTypes.Html]);
    }

    [Fact]
    public void Aggregate_exception_lists_every_inner_exception()
    {
        var e = new AggregateException("2 controllers failed", new TimeoutException("WLC1"), new IOException("WLC2"));
        var text = Formatter.ToPlainText(e);
        Assert.Contains("TimeoutException: WLC1", text);
        Assert.Contains("IOException: WLC2", text);
    }

    [Fact]
    public void Types_with_their_own_ToString_are_shown_as_that_text()
    {
        Assert.Equal("[#####     ] 53 %", Formatter.ToPlainText(new Bar(53)));
        Assert.Equal("10.0.0.1", Formatter.ToPlainText(System.Net.IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Sequence_html_is_a_table_that_parses_as_xml()
    {
        var html = Formatter.Format(Enumerable.Range(0, 3).Select(i => new { Id = i, Name = "n" + i }))[MimeTypes.Html];
        var table = XElement.Parse("<root>" + html + "</root>");
        Assert.Equal(3, table.Descendants("tbody").Single().Elements("tr").Count());
    }

    [Fact]
    public void Non_generic_sequence_is_shown_with_a_value_column()
    {
        var list = new ArrayList { 1, "two" };
        Assert.Equal("| value |\n| 1     |\n| two   |", Formatter.ToPlainText(list));
    }

    [Fact]
    public void Sequence_of_tuples_gets_a_column_per_item()
    {
        var pairs = new[] { ("WLC1", 64), ("WLC2", 63) };
        Assert.Equal("| Item1 | Item2 |\n| WLC1  |    64 |\n| WLC2  |    63 |", Formatter.ToPlainText(pairs));
        Assert.Equal("(WLC1, 64)", Formatter.ToPlainText(pairs[0]));
    }

    [Fact]
    public void Hash_ordered_dictionaries_are_sorted_by_key_for_stable_output()
    {
        var d = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        foreach (var k in new[] { "WLC2", "AP10", "WLC1", "AP1" }) d[k] = k.Length;
        Assert.Equal("| key  | value |\n| AP1  |     3 |\n| AP10 |     4 |\n| WLC1 |     4 |\n| WLC2 |     4 |", Formatter.ToPlainText(d));
    }

    [Fact]
    public void Rows_given_as_dictionaries_get_a_column_per_key()
    {
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["instance"] = "aurora-01", ["innodb_read_only"] = 0 },
            new() { ["instance"] = "aurora-02", ["innodb_read_only"] = 1, ["weight"] = 100 },
        };
        Assert.Equal(
            "| instance  | innodb_read_only | weight |\n| aurora-01 |                0 |        |\n| aurora-02 |                1 |    100 |",
            Formatter.ToPlainText(rows));
        var expando = new System.Dynamic.ExpandoObject();
        ((IDictionary<string, object?>)expando)["Host"] = "web01";
        Assert.Equal("| Host  |\n| web01 |", Formatter.ToPlainText(new List<object> { expando }));
    }
}
