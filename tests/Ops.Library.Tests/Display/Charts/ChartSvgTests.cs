using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ops.Display;

namespace Ops.Tests.Display;

public class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTime T0 = new(2019, 6, 14, 0, 0, 0);

    private static IEnumerable<(DateTime, double)> Memory(int seconds, double start = 1600) =>
        Enumerable.Range(0, seconds).Select(i => (T0.AddSeconds(i), start - i * 0.2 - (i > seconds / 2 ? 400 : 0)));

    private static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        AssertSelfContained(svg, doc);
        return doc;
    }

    /// <summary>No scripts, handlers, links or external resources: the SVG must show the same offline.</summary>
    internal static void AssertSelfContained(string svg, XDocument doc)
    {
        Assert.Empty(doc.Descendants(Svg + "script"));
        Assert.Empty(doc.Descendants(Svg + "foreignObject"));
        foreach (var attribute in doc.Descendants().Attributes())
        {
            Assert.False(attribute.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler attribute {attribute.Name}");
            Assert.NotEqual("href", attribute.Name.LocalName);
            Assert.DoesNotContain("url(", attribute.Value);
        }
        Assert.DoesNotContain("@import", svg);
        Assert.DoesNotContain("http", svg.Replace("xmlns=\"http://www.w3.org/2000/svg\"", ""));
    }

    private static List<string> Texts(XDocument doc) => doc.Descendants(Svg + "text").Select(t => t.Value).ToList();

    [Theory]
    [InlineData(ChartKind.Line)]
    [InlineData(ChartKind.Step)]
    [InlineData(ChartKind.Bar)]
    [InlineData(ChartKind.Scatter)]
    public void Every_kind_renders_well_formed_svg_with_a_time_axis(ChartKind kind)
    {
        var points = Enumerable.Range(0, 60).Select(i => new ChartPoint(T0.AddMinutes(i), i % 7));
        var doc = Parse(new Chart("kind " + kind).Add(kind, "s1", points).ToSvg());
        var drawn = kind switch
        {
            ChartKind.Line or ChartKind.Step => doc.Descendants(Svg + "path").Count(),
            ChartKind.Bar => doc.Descendants(Svg + "rect").Count(r => r.Attribute("fill") == null && r.Parent!.Attribute("fill") != null),
            _ => doc.Descendants(Svg + "circle").Count(),
        };
        Assert.True(drawn >= (kind is ChartKind.Line or ChartKind.Step ? 1 : 60), $"{kind}: {drawn} shapes");
        Assert.Contains("06-14 00:00", Texts(doc));
    }

    [Fact]
    public void Step_series_draws_horizontal_then_vertical_segments()
    {
        var svg = new Chart().Step("state", new[] { (0.0, 0.0), (1.0, 1.0), (2.0, 0.0) }).ToSvg();
        var d = XDocument.Parse(svg).Descendants(Svg + "path").Single().Attribute("d")!.Value;
        Assert.Matches(@"^M[\d.]+,[\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+$", d);
    }

    [Fact]
    public void Time_ticks_fall_on_whole_clock_steps()
    {
        var doc = Parse(new Chart().Line("free", Memory(3600)).ToSvg());
        var labels = Texts(doc).Where(t => Regex.IsMatch(t, @"\d\d:\d\d$")).ToList();
        Assert.Equal(new[] { "06-14 00:00", "00:10", "00:20", "00:30", "00:40", "00:50" }, labels);
    }

    [Fact]
    public void Numeric_y_ticks_are_round_numbers_covering_the_data()
    {
        var doc = Parse(new Chart().Line("free", Memory(3600)).ToSvg());
        var numbers = Texts(doc).Where(t => Regex.IsMatch(t, @"^-?\d+$")).Select(int.Parse).ToList();
        Assert.True(numbers.Max() >= 1600 && numbers.Min() <= 480, string.Join(",", numbers));
        Assert.All(numbers, n => Assert.Equal(0, n % 50));
        Assert.InRange(numbers.Count, 4, 8);
    }

    [Fact]
    public void Markers_draw_a_vertical_line_and_their_label()
    {
        var doc = Parse(new Chart("Free memory").Line("web01", Memory(600))
            .Marker(T0.AddSeconds(145), "killed index.fcgi").ToSvg());
        Assert.Contains("killed index.fcgi", Texts(doc));
        var markerLines = doc.Descendants(Svg + "line").Where(l => l.Attribute("stroke-dasharray")?.Value == "4 3").ToList();
        var line = Assert.Single(markerLines);
        Assert.Equal(line.Attribute("x1")!.Value, line.Attribute("x2")!.Value);
    }

    [Fact]
    public void Second_axis_series_get_their_own_tick_labels_and_legend_note()
    {
        var requests = Enumerable.Range(0, 10).Select(i => (T0.AddMinutes(i), 20000.0 + i * 1000));
        var doc = Parse(new Chart("memory vs requests").Line("free MB", Memory(600)).YAxis("MB")
            .Bar("requests", requests).OnSecondAxis("requests/min").ToSvg());
        var texts = Texts(doc);
        Assert.Contains("requests (right)", texts);
        Assert.Contains("requests/min", texts);
        Assert.Contains("MB", texts);
        Assert.Contains(texts, t => t.EndsWith('k')); // right axis in thousands
        Assert.Contains(texts, t => t == "1600");     // left axis unscaled
    }

    [Fact]
    public void Annotation_text_is_placed_in_the_plot()
    {
        var doc = Parse(new Chart().Line("free", Memory(600)).Annotate(T0.AddSeconds(300), 1000, "drop 400 MB").ToSvg());
        Assert.Contains("drop 400 MB", Texts(doc));
    }

    [Fact]
    public void Grid_renders_every_panel_in_one_svg_with_shared_x()
    {
        var panels = new[] { "web01", "web02", "web03", "web04" }
            .Select((h, i) => new Chart(h).Line("free", Memory(600 + i * 600))).ToArray();
        var grid = Chart.Grid(panels).WithTitle("Free memory per server");
        var doc = Parse(grid.ToSvg());
        var groups = doc.Root!.Elements(Svg + "g").ToList();
        Assert.Equal(4, groups.Count);
        Assert.Equal(2, grid.Columns);
        Assert.Contains("translate(480,28)", groups[1].Attribute("transform")!.Value);
        var texts = Texts(doc);
        foreach (var h in new[] { "web01", "web02", "web03", "web04", "Free memory per server" }) Assert.Contains(h, texts);
        // Shared x: the shortest series ends before the right edge, so its path is shorter than the longest's.
        var lastX = groups.Select(g => g.Descendants(Svg + "path").Single().Attribute("d")!.Value)
            .Select(d => double.Parse(Regex.Matches(d, @"[ML]([\d.]+),").Last().Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(lastX[0] < lastX[3] - 100, string.Join(", ", lastX));
    }

    [Fact]
    public void Same_chart_gives_the_same_bytes_whatever_the_culture()
    {
        Chart Build() => new Chart("Free memory").Line("web01", Memory(300)).Scatter("s", new[] { (T0, 1.5) })
            .Marker(T0.AddSeconds(10), "kill").Annotate(T0, 1.25, "note");
        var first = Build().ToMimeBundle();
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            var second = Build().ToMimeBundle();
            Assert.Equal(first[MimeTypes.Svg], second[MimeTypes.Svg]);
            Assert.Equal(first[MimeTypes.Plotly], second[MimeTypes.Plotly]);
            Assert.Equal(first.PlainText, second.PlainText);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
        Assert.DoesNotContain(",5", first[MimeTypes.Svg].Replace("\",", "\" "));
    }

    [Fact]
    public void Long_series_are_thinned_but_keep_sudden_drops()
    {
        // 86,400 one-second samples with one 600 MB dip lasting two seconds.
        var points = Enumerable.Range(0, 86400).Select(i => (T0.AddSeconds(i), i is 40000 or 40001 ? 400.0 : 1000.0));
        var svg = new Chart("day").Line("free", points).ToSvg();
        Assert.True(svg.Length < 200_000, $"svg is {svg.Length} bytes");
        var doc = Parse(svg);
        var d = doc.Descendants(Svg + "path").Single().Attribute("d")!.Value;
        var ys = Regex.Matches(d, @"[ML][\d.]+,([\d.]+)").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.Equal(2, ys.Count); // both the normal level and the dip survive thinning
        Assert.Contains("00:00", string.Join(" ", Texts(doc)));
    }

    [Fact]
    public void Gaps_in_a_series_break_the_line()
    {
        var svg = new Chart().Line("s", new[] { (0.0, 1.0), (1.0, 2.0), (2.0, double.NaN), (3.0, 1.0), (4.0, 2.0) }).ToSvg();
        var d = XDocument.Parse(svg).Descendants(Svg + "path").Single().Attribute("d")!.Value;
        Assert.Equal(2, d.Count(c => c == 'M'));
    }

    [Fact]
    public void Empty_chart_says_no_data()
    {
        Assert.Contains("no data", Texts(Parse(new Chart("nothing yet").ToSvg())));
    }

    [Fact]
    public void Mixing_time_and_numeric_x_is_refused_with_the_series_name()
    {
        var chart = new Chart("mem").Line("web01", Memory(10));
        var e = Assert.Throws<ArgumentException>(() => chart.Line("cpu", new[] { (1.0, 2.0) }));
        Assert.Contains("series 'cpu' has numeric x values but the chart's x axis is time", e.Message);
    }

    [Fact]
    public void Colour_must_be_plain_hex_so_it_cannot_inject_markup()
    {
        var chart = new Chart().Line("a", new[] { (1.0, 1.0) });
        Assert.Throws<ArgumentException>(() => chart.Color("red\" onload=\"alert(1)"));
        chart.Color("#123abc");
        Assert.Contains("stroke=\"#123abc\"", chart.ToSvg());
    }

    [Fact]
    public void DateTimeOffset_points_are_shown_in_their_own_offset()
    {
        var jst = TimeSpan.FromHours(9);
        var points = Enumerable.Range(0, 7).Select(i => (new DateTimeOffset(2019, 6, 14, 9, 0, 0, jst).AddHours(i), (double)i));
        var chart = new Chart().Line("s", points);
        var texts = Texts(Parse(chart.ToSvg()));
        Assert.Contains("06-14 09:00", texts);
        Assert.Contains("2019-06-14 09:00:00 +09:00 .. 2019-06-14 15:00:00 +09:00", chart.ToText());
    }

    public static TheoryData<string, Chart> DegenerateCharts => new()
    {
        { "single point", new Chart().Line("s", new[] { (T0, 5.0) }) },
        { "all NaN", new Chart().Line("s", new[] { (1.0, double.NaN), (2.0, double.PositiveInfinity) }) },
        { "flat zero", new Chart().Step("s", new[] { (1.0, 0.0), (2.0, 0.0) }) },
        { "one bar", new Chart().Bar("b", new[] { (T0, 3.0) }) },
        { "bars on one x", new Chart().Bar("a", new[] { (1.0, 1.0) }).Bar("b", new[] { (1.0, -2.0) }) },
        { "markers only", new Chart("events").Marker(T0, "deploy").Marker(T0.AddHours(1), "rollback") },
        { "only right axis", new Chart().Line("r", new[] { (1.0, 1.0), (2.0, 2.0) }).OnSecondAxis("req/s") },
        { "negative values", new Chart().Scatter("s", new[] { (-5.0, -1e-9), (5.0, -3e7) }) },
        { "sub-second range", new Chart().Line("s", new[] { (T0, 1.0), (T0.AddMilliseconds(250), 2.0) }) },
        { "ten years", new Chart().Line("s", new[] { (T0, 1.0), (T0.AddYears(10), 2.0) }) },
    };

    [Theory]
    [MemberData(nameof(DegenerateCharts))]
    public void Degenerate_charts_still_render_valid_svg_without_nan_coordinates(string name, Chart chart)
    {
        var svg = chart.ToSvg();
        Parse(svg);
        Assert.False(svg.Contains("NaN") || svg.Contains("Infinity") || svg.Contains("∞"), name);
        using var _ = System.Text.Json.JsonDocument.Parse(chart.ToPlotlyJson());
        Assert.NotEmpty(chart.ToText());
    }

    private static List<string> TickLabelsAt(XDocument doc, string anchor) =>
        doc.Descendants(Svg + "text").Where(t => t.Attribute("text-anchor")?.Value == anchor && t.Attribute("font-size") == null)
            .Select(t => t.Value).ToList();

    [Fact]
    public void Ranks_and_counts_get_whole_number_ticks_on_both_axes()
    {
        // y from 0 (bars) to 2 over about five ticks would step by 0.5.
        var ranks = new[] { (1.0, 2.0), (2.0, 1.0), (3.0, 2.0) };
        var doc = Parse(new Chart("clients per AP rank").Bar("clients", ranks).ToSvg());
        Assert.Equal(["1", "2", "3"], TickLabelsAt(doc, "middle").Where(l => l != "clients per AP rank").ToArray());
        Assert.DoesNotContain(TickLabelsAt(doc, "end"), l => l.Contains('.'));

        // The same chart with one fractional value keeps fractional ticks.
        var fractional = Parse(new Chart("t").Bar("clients", ranks.Append((4.0, 1.5))).ToSvg());
        Assert.Contains(TickLabelsAt(fractional, "end"), l => l.Contains('.'));
    }

    private static List<double> MarkerLabelRows(XDocument doc, params string[] labels) =>
        doc.Descendants(Svg + "text").Where(t => labels.Contains(t.Value)).Select(t => double.Parse(t.Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void Japanese_marker_labels_are_measured_as_wide_and_do_not_overlap()
    {
        // 65 s apart on a 600 s chart is about 80 px: more than the 12 characters would take at
        // latin width (67 px), less than they take as full-width glyphs (134 px).
        const string first = "メモリ不足でプロセス停止", second = "ワーカー再起動";
        var doc = Parse(new Chart("Free memory").Line("web01", Memory(600))
            .Marker(T0.AddSeconds(100), first).Marker(T0.AddSeconds(165), second).ToSvg());
        var rows = MarkerLabelRows(doc, first, second);
        Assert.Equal(2, rows.Count);
        Assert.NotEqual(rows[0], rows[1]);

        // Latin labels of the same length at the same places fit on one row.
        var latin = Parse(new Chart("Free memory").Line("web01", Memory(600))
            .Marker(T0.AddSeconds(100), "oom killer 1").Marker(T0.AddSeconds(165), "restart 2").ToSvg());
        var latinRows = MarkerLabelRows(latin, "oom killer 1", "restart 2");
        Assert.Equal(latinRows[0], latinRows[1]);
    }

    [Fact]
    public void Text_falls_back_to_a_CJK_font_after_the_viewers_sans_serif()
    {
        var root = Parse(new Chart("空きメモリ").Line("web01", Memory(60)).ToSvg()).Root!;
        var families = root.Attribute("font-family")!.Value.Split(',').Select(f => f.Trim().Trim('\'')).ToList();
        Assert.Equal("sans-serif", families[0]);
        Assert.Contains("Noto Sans CJK JP", families);
        Assert.Contains("Hiragino Sans", families);
        Assert.Contains("空きメモリ", Texts(Parse(new Chart("空きメモリ").Line("web01", Memory(60)).ToSvg())));
    }
}
