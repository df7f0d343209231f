using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class CostAndSqlTests
{
    [Fact]
    public void Seed_prices_bill_bigquery_on_logical_bytes_and_storage_on_compressed()
    {
        const long gib = 1L << 30;
        var cost = new StorageCost(compressedBytes: 10 * gib, logicalBytes: 80 * gib, files: 20_000);
        var options = cost.Options().ToDictionary(o => o.Where);
        Assert.Equal(0.23, options["Cloud Storage Standard"].MonthlyCost!.Value, 6);
        Assert.Equal(0.06, options["Cloud Storage Coldline"].MonthlyCost!.Value, 6);
        Assert.Equal(1.84, options["BigQuery active (logical)"].MonthlyCost!.Value, 6);
        Assert.Null(options["BigQuery active (physical)"].MonthlyCost);
        Assert.Equal(0.008, cost.LoadGetCost!.Value, 6);
        Assert.Equal(8.0, cost.ExpansionRatio, 6);
    }

    [Fact]
    public void Scaling_a_sample_keeps_the_logical_to_compressed_ratio()
    {
        var month = new StorageCost(1000, 4500, 1).ScaledTo(1L << 40, files: 36_000);
        Assert.Equal(4.5 * (1L << 40), month.LogicalBytes, 1e6);
        Assert.Equal(0.0144, month.LoadGetCost!.Value, 6);
    }

    [Fact]
    public void Price_tables_load_from_yaml_with_missing_prices_as_null()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "p.yaml");
        File.WriteAllText(path, "name: test\ncloudStorage:\n  standard: 0.02\n  archive: ~\nbigquery:\n  activePhysical: 0.04\n");
        var p = PriceTable.Load(path);
        Assert.Equal((0.02, (double?)null, 0.04), (p.GcsStandard!.Value, p.GcsArchive, p.BigQueryActivePhysical!.Value));
    }

    [Fact]
    public void Sql_counts_safe_cast_failures_per_column_including_nested_and_repeated()
    {
        var schema = TableSchema.FromJson("""
            [{"name":"id","type":"INTEGER","mode":"REQUIRED"},{"name":"version","type":"FLOAT"},
             {"name":"tags","type":"STRING","mode":"REPEATED"},
             {"name":"items","type":"RECORD","mode":"REPEATED","fields":[{"name":"qty","type":"INTEGER"}]},
             {"name":"device","type":"RECORD","fields":[{"name":"seen","type":"TIMESTAMP"}]}]
            """);
        var sql = SafeCastSql.Generate(schema, "proj.ds.raw_applog");
        Assert.Contains("FROM `proj.ds.raw_applog`", sql);
        Assert.Contains("COUNTIF(j IS NULL) AS invalid_json", sql);
        Assert.Contains("COUNTIF(JSON_QUERY(j, '$.id') IS NULL OR JSON_TYPE(JSON_QUERY(j, '$.id')) = 'null') AS id__required_missing", sql);
        Assert.Contains("COUNTIF(JSON_VALUE(j, '$.version') IS NOT NULL AND SAFE_CAST(JSON_VALUE(j, '$.version') AS FLOAT64) IS NULL) AS version__float64_invalid", sql);
        Assert.Contains("SUM((SELECT COUNTIF(JSON_VALUE(e, '$.qty') IS NOT NULL AND SAFE_CAST(JSON_VALUE(e, '$.qty') AS INT64) IS NULL) "
            + "FROM UNNEST(JSON_QUERY_ARRAY(j, '$.items')) AS e)) AS items_qty__int64_invalid", sql);
        Assert.Contains("COUNTIF(JSON_TYPE(JSON_QUERY(j, '$.tags')) NOT IN ('array', 'null')) AS tags__repeated_not_array", sql);
        Assert.Contains("SAFE_CAST(JSON_VALUE(j, '$.device.seen') AS TIMESTAMP)", sql);
        Assert.DoesNotContain("tags__string_invalid", sql);
    }

    [Fact]
    public void External_table_ddl_reads_each_line_as_one_string()
    {
        var ddl = SafeCastSql.ExternalTableDdl("proj.ds.raw", ["gs://game-applog/login/*.json.gz"]);
        Assert.Contains("CREATE OR REPLACE EXTERNAL TABLE `proj.ds.raw` (`line` STRING)", ddl);
        Assert.Contains("uris = ['gs://game-applog/login/*.json.gz']", ddl);
    }
}
