using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Ops.BigQuery;

/// <summary>
/// Storage prices per GiB-month (and Cloud Storage GETs per 10,000) for one region and date. A price
/// the source does not give is null and shown as n/a, never guessed silently.
/// </summary>
public sealed record PriceTable
{
    public string Name { get; init; } = "";
    public string Currency { get; init; } = "USD";
    public double? GcsStandard { get; init; }
    public double? GcsNearline { get; init; }
    public double? GcsColdline { get; init; }
    public double? GcsArchive { get; init; }
    public double? BigQueryActiveLogical { get; init; }
    public double? BigQueryLongTermLogical { get; init; }
    public double? BigQueryActivePhysical { get; init; }
    public double? BigQueryLongTermPhysical { get; init; }
    public double? GcsGetPer10k { get; init; }
    public string Notes { get; init; } = "";

    /// <summary>
    /// The prices used when the log loading was designed (Tokyo, October 2019): Cloud Storage Standard $0.023, Coldline $0.006, BigQuery
    /// $0.023 (billed on uncompressed size), GET $0.004 per 10,000. Long-term logical is BigQuery's
    /// half-price rule applied to that; physical billing and Archive did not exist then.
    /// </summary>
    public static PriceTable Tokyo2019 { get; } = new()
    {
        Name = "asia-northeast1 (Tokyo), October 2019, as used when the log loading was designed",
        GcsStandard = 0.023,
        GcsColdline = 0.006,
        BigQueryActiveLogical = 0.023,
        BigQueryLongTermLogical = 0.0115,
        GcsGetPer10k = 0.004,
        Notes = "standard, coldline, BigQuery active and GET as used then; long-term = half of active (BigQuery's rule after 90 days unmodified); nearline not used then; physical billing and Archive did not exist in 2019",
    };

    /// <summary>Reads a price table in the YAML layout of docs/bigquery-prices-*.yaml.</summary>
    public static PriceTable Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"price table not found: {path}", path);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlDotNet.Core.YamlException e) { throw new FormatException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}", e); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{path}: price table must be a YAML mapping");
        string? S(YamlMappingNode m, string k) => m.Children.TryGetValue(new YamlScalarNode(k), out var v) && v is YamlScalarNode s ? s.Value : null;
        YamlMappingNode Section(string k) => root.Children.TryGetValue(new YamlScalarNode(k), out var v) && v is YamlMappingNode m ? m : new YamlMappingNode();
        double? D(YamlMappingNode m, string k)
        {
            var s = S(m, k);
            if (string.IsNullOrWhiteSpace(s) || s is "null" or "~" or "n/a") return null;
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                : throw new FormatException($"{path}: {k} = '{s}' is not a number");
        }
        var gcs = Section("cloudStorage");
        var bq = Section("bigquery");
        return new PriceTable
        {
            Name = S(root, "name") ?? Path.GetFileNameWithoutExtension(path),
            Currency = S(root, "currency") ?? "USD",
            Notes = S(root, "notes") ?? "",
            GcsStandard = D(gcs, "standard"),
            GcsNearline = D(gcs, "nearline"),
            GcsColdline = D(gcs, "coldline"),
            GcsArchive = D(gcs, "archive"),
            GcsGetPer10k = D(gcs, "getPer10k"),
            BigQueryActiveLogical = D(bq, "activeLogical"),
            BigQueryLongTermLogical = D(bq, "longTermLogical"),
            BigQueryActivePhysical = D(bq, "activePhysical"),
            BigQueryLongTermPhysical = D(bq, "longTermPhysical"),
        };
    }
}
