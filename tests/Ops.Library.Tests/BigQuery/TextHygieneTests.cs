using System.Text;
using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class TextHygieneTests
{
    [Fact]
    public void Tsv_with_unescaped_control_characters_and_split_records_is_reported_by_line_and_column()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "users.tsv");
        File.WriteAllText(path, "id\tname\tcomment\tat\n1\ta\tok\t1\n2\tb\tvertical\vtab\t2\n3\tc\tmulti\nline\t3\n");
        var r = TextHygiene.Scan(path);
        Assert.Equal([(3L, 3, "comment", TextHygiene.ControlCharacter), (4L, 3, "", TextHygiene.FieldCount), (5L, 2, "", TextHygiene.FieldCount)],
            r.Findings.Select(f => (f.Line, f.Field, f.Column, f.Rule)));
        Assert.Equal("vertical\\u000Btab", r.Findings[0].Preview);
    }

    [Fact]
    public void Shift_jis_column_is_detected_with_a_decoded_preview()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "members.tsv");
        using (var f = File.Create(path))
        {
            f.Write(Encoding.UTF8.GetBytes("id\tname\n1\t"));
            f.Write(TextHygiene.ShiftJis.GetBytes("山田太郎"));
            f.Write(Encoding.UTF8.GetBytes("\n2\t佐藤\n"));
        }
        var r = TextHygiene.Scan(path);
        var finding = Assert.Single(r.Findings);
        Assert.Equal((2L, "name", TextHygiene.LikelyShiftJis, "山田太郎"), (finding.Line, finding.Column, finding.Rule, finding.Preview));
    }

    [Fact]
    public void Binary_garbage_is_invalid_utf8_not_shift_jis()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "x.csv");
        File.WriteAllBytes(path, [.. "a,b\n1,"u8, 0xFF, 0xFE, 0xFD, (byte)'\n']);
        Assert.Equal(TextHygiene.InvalidUtf8, Assert.Single(TextHygiene.Scan(path).Findings).Rule);
    }

    [Fact]
    public void Clean_csv_with_quoted_commas_is_clean()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "ok.csv");
        File.WriteAllText(path, "a,b\n1,\"x, y\"\n2,\"tab\there\"\n");
        Assert.True(TextHygiene.Scan(path).Clean);
    }
}
