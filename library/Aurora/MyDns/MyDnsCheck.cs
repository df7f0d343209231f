using Ops.Display;

namespace Ops.Aurora.MyDns;

/// <summary>The checker's verdict: the records as they should be and the changes that get there.</summary>
public sealed record MyDnsCheck(IReadOnlyList<MyDnsRecord> Records, IReadOnlyList<MyDnsChange> Changes, IReadOnlyList<InstanceObservation> Observed) : IMimeRenderable
{
    public bool HasChanges => Changes.Count > 0;

    /// <summary>The published table: endpoint, instance, innodb_read_only, weight.</summary>
    public Table ToTable()
    {
        var table = new Table(new[] { new TableColumn("endpoint"), new TableColumn("instance"), new TableColumn("innodb_read_only", Alignment.Right), new TableColumn("weight", Alignment.Right) });
        foreach (var r in Records)
        {
            var ro = Observed.FirstOrDefault(o => o.Instance == r.Instance)?.InnodbReadOnly;
            table.AddRow(r.Name, r.Instance, ro is null ? "?" : ro.Value ? "1" : "0", r.Weight);
        }
        return table;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
