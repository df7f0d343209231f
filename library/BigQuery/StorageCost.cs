using System.Globalization;
using Ops.Display;

namespace Ops.BigQuery;

/// <summary>One way to keep the data and what it costs a month.</summary>
public sealed record StorageOption(string Where, string BilledOn, double GiB, double? PricePerGiBMonth, double? MonthlyCost);

/// <summary>
/// The log-loading pipeline's comparison: keep raw logs gzip-compressed in Cloud Storage (billed on compressed bytes)
/// versus loaded into BigQuery (billed on logical, i.e. uncompressed typed, bytes; or physical bytes
/// under physical billing), plus the GET cost of loading the files.
/// </summary>
public sealed class StorageCost : IMimeRenderable
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public StorageCost(long compressedBytes, long logicalBytes, long files, PriceTable? prices = null, long? physicalBytes = null)
    {
        Prices = prices ?? PriceTable.Tokyo2019;
        CompressedBytes = compressedBytes;
        LogicalBytes = logicalBytes;
        PhysicalBytes = physicalBytes ?? compressedBytes;
        PhysicalIsEstimate = physicalBytes is null;
        Files = files;
    }

    /// <summary>From a load check: gzip bytes on disk and the logical bytes BigQuery would store.</summary>
    public static StorageCost FromCheck(LoadCheckReport check, PriceTable? prices = null) =>
        new(check.FileBytes, check.LogicalBytes, check.Files.Count, prices);

    /// <summary>
    /// The same data scaled to <paramref name="compressedBytes"/> of gzip (keeping the measured logical and
    /// physical ratios), e.g. a month of logs, since a sample file is too small for the prices to show.
    /// </summary>
    public StorageCost ScaledTo(long compressedBytes, long files)
    {
        var factor = CompressedBytes == 0 ? 0 : (double)compressedBytes / CompressedBytes;
        return new StorageCost(compressedBytes, (long)(LogicalBytes * factor), files, Prices, PhysicalIsEstimate ? null : (long)(PhysicalBytes * factor));
    }

    public PriceTable Prices { get; }
    public long CompressedBytes { get; }
    public long LogicalBytes { get; }
    /// <summary>BigQuery physical (compressed columnar) bytes; the gzip size stands in when not measured.</summary>
    public long PhysicalBytes { get; }
    public bool PhysicalIsEstimate { get; }
    public long Files { get; }

    /// <summary>Logical bytes per compressed byte: how much more BigQuery bills than Cloud Storage holds.</summary>
    public double ExpansionRatio => CompressedBytes == 0 ? 0 : (double)LogicalBytes / CompressedBytes;

    public double? LoadGetCost => Prices.GcsGetPer10k is double p ? Files / 10_000.0 * p : null;

    public IReadOnlyList<StorageOption> Options()
    {
        var c = CompressedBytes / GiB;
        var l = LogicalBytes / GiB;
        var ph = PhysicalBytes / GiB;
        StorageOption O(string where, string on, double gib, double? price) => new(where, on, gib, price, price * gib);
        return
        [
            O("Cloud Storage Standard", "compressed", c, Prices.GcsStandard),
            O("Cloud Storage Nearline", "compressed", c, Prices.GcsNearline),
            O("Cloud Storage Coldline", "compressed", c, Prices.GcsColdline),
            O("Cloud Storage Archive", "compressed", c, Prices.GcsArchive),
            O("BigQuery active (logical)", "logical", l, Prices.BigQueryActiveLogical),
            O("BigQuery long-term (logical)", "logical", l, Prices.BigQueryLongTermLogical),
            O("BigQuery active (physical)", PhysicalIsEstimate ? "physical ≈ gzip size" : "physical", ph, Prices.BigQueryActivePhysical),
            O("BigQuery long-term (physical)", PhysicalIsEstimate ? "physical ≈ gzip size" : "physical", ph, Prices.BigQueryLongTermPhysical),
        ];
    }

    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("storage"), new TableColumn("billed on"), new TableColumn("GiB", Alignment.Right),
            new TableColumn($"{Prices.Currency}/GiB-month", Alignment.Right), new TableColumn($"{Prices.Currency}/month", Alignment.Right) })
        {
            Title = $"{Prices.Name}: {Bytes(CompressedBytes)} compressed, {Bytes(LogicalBytes)} logical (×{ExpansionRatio.ToString("0.0", CultureInfo.InvariantCulture)})"
                    + (LoadGetCost is double g ? $"; loading {Files} file(s) costs {g.ToString("0.######", CultureInfo.InvariantCulture)} {Prices.Currency} in GETs" : ""),
        };
        foreach (var o in Options())
            t.AddRow(o.Where, o.BilledOn, Math.Round(o.GiB, 6), o.PricePerGiBMonth is double p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "n/a",
                o.MonthlyCost is double m ? m.ToString("0.######", CultureInfo.InvariantCulture) : "n/a");
        return t;
    }

    private static string Bytes(long b) => b switch
    {
        >= 1L << 30 => (b / GiB).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (b / 1048576.0).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (b / 1024.0).ToString("0.##", CultureInfo.InvariantCulture) + " KiB",
        _ => b.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
