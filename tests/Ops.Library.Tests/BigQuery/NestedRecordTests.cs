using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class NestedRecordTests
{
    private static readonly TableSchema Schema = Ndjson.Schema("""
        [{"name":"user","type":"RECORD","fields":[
            {"name":"id","type":"INTEGER","mode":"REQUIRED"},
            {"name":"tags","type":"STRING","mode":"REPEATED"}]},
         {"name":"items","type":"RECORD","mode":"REPEATED","fields":[
            {"name":"sku","type":"STRING","mode":"REQUIRED"},
            {"name":"price","type":"NUMERIC"}]}]
        """);

    [Fact]
    public void Valid_nested_and_repeated_values_load()
    {
        var r = Ndjson.Check(Schema, """
            {"user":{"id":"5","tags":["a","b"]},"items":[{"sku":"x","price":"1.5"},{"sku":"y"}]}
            {"user":null,"items":[]}
            {"items":null}
            """);
        Assert.Equal(3, r.Rows);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Problems_inside_arrays_carry_the_element_index_in_the_path()
    {
        var r = Ndjson.Check(Schema, """{"items":[{"sku":"x"},{"sku":"y","price":"abc"},{"price":"2"}]}""");
        Assert.Equal(1, r.BadRecords);
        Assert.Equal(["items[1].price numeric_invalid", "items[2].sku required_missing"], r.Problems.Select(p => $"{p.Path} {p.Rule}"));
    }

    [Fact]
    public void Repeated_fields_need_arrays_without_nulls()
    {
        var r = Ndjson.Check(Schema, "{\"user\":{\"id\":1,\"tags\":\"a\"}}\n{\"user\":{\"id\":1,\"tags\":[\"a\",null]}}\n");
        Assert.Equal([(1L, "user.tags", LoadRule.NotArrayForRepeated), (2L, "user.tags[1]", LoadRule.NullInArray)],
            r.Problems.Select(p => (p.Line, p.Path, p.Rule)));
    }

    [Fact]
    public void Records_need_objects_and_scalars_cannot_be_records()
    {
        var r = Ndjson.Check(Schema, "{\"user\":\"bob\"}\n{\"user\":{\"id\":{\"x\":1}}}\n");
        Assert.Equal([LoadRule.NotObjectForRecord, LoadRule.ObjectForScalar], r.Problems.Select(p => p.Rule));
        Assert.Equal("user.id", r.Problems[1].Path);
    }

    [Fact]
    public void Spreadsheet_dotted_columns_build_the_same_nested_schema()
    {
        var sheet = TableSchema.FromSpreadsheet("""
            column,type,mode
            user.id,INTEGER,REQUIRED
            user.tags,STRING,REPEATED
            items,RECORD,REPEATED
            items.sku,STRING,REQUIRED
            items.price,NUMERIC,
            """);
        Assert.Equal(Schema.ToJson(), sheet.ToJson());
    }

    [Fact]
    public void Yaml_schema_with_nested_fields_and_standard_type_names()
    {
        var yaml = TableSchema.FromYaml("""
            columns:
              - column: user
                type: STRUCT
                fields:
                  - {column: id, type: INT64, mode: REQUIRED}
                  - {column: tags, type: STRING, mode: REPEATED}
              - {column: items, type: RECORD, mode: REPEATED, fields: [{column: sku, type: STRING, mode: REQUIRED}, {column: price, type: DECIMAL}]}
            """);
        Assert.Equal(Schema.ToJson(), yaml.ToJson());
    }

    [Fact]
    public void Schema_errors_name_the_column()
    {
        var e = Assert.Throws<FormatException>(() => TableSchema.FromSpreadsheet("column,type\nprice,MONEY\n"));
        Assert.Contains("price", e.Message);
        Assert.Contains("MONEY", e.Message);
    }
}
