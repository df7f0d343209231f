namespace Ops.Aurora.MyDns;

/// <summary>
/// The fast-failover checker of docs/background.md as a pure function: from what each instance answered and the
/// current records, the records the DNS should hold.
/// <list type="bullet">
/// <item>the writer record is REPLACEd with the responding instance whose innodb_read_only is 0;</item>
/// <item>a reader that does not respond gets weight 0, one that responds read-only gets full weight;</item>
/// <item>the writer's own entry in the reader record stays 0 unless no reader responds, then it takes full weight.</item>
/// </list>
/// </summary>
public static class MyDnsWeightChecker
{
    public static MyDnsCheck Check(IReadOnlyList<InstanceObservation> observed, IReadOnlyList<MyDnsRecord> current, MyDnsEndpoints endpoints)
    {
        var byInstance = observed.ToDictionary(o => o.Instance, StringComparer.Ordinal);
        var changes = new List<MyDnsChange>();
        var records = new List<MyDnsRecord>();

        var writerRecord = current.FirstOrDefault(r => r.Name == endpoints.WriterName);
        var writable = observed.Where(o => o.IsWritable).Select(o => o.Instance).ToList();
        string? writer = writerRecord?.Instance;
        if (writable.Count > 0 && (writer is null || !writable.Contains(writer)))
        {
            // Several writable instances would be split brain; take a stable pick rather than flapping.
            var chosen = writable.Order(StringComparer.Ordinal).First();
            changes.Add(new MyDnsChange(MyDnsChangeKind.ReplaceWriter, endpoints.WriterName, chosen, writer, writerRecord?.Weight, endpoints.FullWeight,
                $"{chosen} answers with innodb_read_only=0" + (writer is null ? "" : $", {writer} " + Describe(byInstance.GetValueOrDefault(writer)))));
            writer = chosen;
        }
        if (writer is not null) records.Add(new MyDnsRecord(endpoints.WriterName, writer, writerRecord?.Weight is > 0 ? writerRecord.Weight : endpoints.FullWeight));

        var readerEntries = current.Where(r => r.Name == endpoints.ReaderName).ToList();
        var listed = readerEntries.Select(r => r.Instance).ToHashSet(StringComparer.Ordinal);
        var entries = readerEntries.Select(r => (r.Instance, Previous: (int?)r.Weight))
            .Concat(observed.Where(o => !listed.Contains(o.Instance)).Select(o => (o.Instance, Previous: (int?)null)))
            .ToList();
        var anyReader = entries.Any(e => e.Instance != writer && byInstance.GetValueOrDefault(e.Instance)?.IsServingReader == true);
        foreach (var (instance, previous) in entries)
        {
            var seen = byInstance.GetValueOrDefault(instance);
            int weight;
            string reason;
            if (instance == writer)
            {
                weight = anyReader ? 0 : endpoints.FullWeight;
                reason = anyReader ? "writer; readers are serving" : "writer takes reads: no reader responds";
            }
            else if (seen?.IsServingReader == true)
            {
                weight = endpoints.FullWeight;
                reason = "reader responds";
            }
            else
            {
                weight = 0;
                reason = seen is null ? "not observed" : seen.Responding ? "responds but is writable and not the writer record" : "does not respond";
            }
            records.Add(new MyDnsRecord(endpoints.ReaderName, instance, weight));
            if (previous is null)
                changes.Add(new MyDnsChange(MyDnsChangeKind.AddReader, endpoints.ReaderName, instance, null, null, weight, reason));
            else if (previous != weight)
                changes.Add(new MyDnsChange(MyDnsChangeKind.SetWeight, endpoints.ReaderName, instance, instance, previous, weight, reason));
        }
        return new MyDnsCheck(records, changes, observed);
    }

    private static string Describe(InstanceObservation? o) =>
        o is null ? "was not observed" : !o.Responding ? "does not respond" : o.InnodbReadOnly == true ? "is read-only" : "is writable too";
}
