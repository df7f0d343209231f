namespace Ops.Snmp;

public sealed partial class SnmpClient
{
    /// <summary>
    /// Walks the subtree under <paramref name="root"/> (any root, including <c>1</c>): GETBULK for
    /// v2c/v3, GETNEXT for v1. Stops at the end of the subtree, at an exception value, or at an OID not
    /// after the previous one (reported in <see cref="WalkResult.Problem"/>, never looped on). tooBig
    /// halves max-repetitions. As net-snmp's snmpwalk/snmpbulkwalk: exception bindings inside the
    /// subtree end the walk and are kept in <see cref="WalkResult.Exceptions"/>; when the subtree holds
    /// nothing, the root itself is fetched with GET (a walk of <c>sysUpTime.0</c> returns it).
    /// </summary>
    public async Task<WalkResult> WalkAsync(Oid root, int maxRepetitions = 50, int maxRows = 1_000_000, CancellationToken cancellationToken = default)
    {
        var result = (await WalkColumnsAsync([root], maxRepetitions, maxRows, cancellationToken).ConfigureAwait(false))[0];
        if (result.VarBinds.Count > 0 || result.Exceptions.Count > 0 || result.Problem != null || Target.Version == SnmpVersion.V1) return result;
        var self = (await RequestAsync(PduType.GetRequest, [new VarBind(root)], 0, 0, Cancellation.Or(cancellationToken)).ConfigureAwait(false)).VarBinds;
        if (self.Count != 1 || self[0].Oid != root) return result with { Requests = result.Requests + 1 };
        return self[0].Value.IsException
            ? result with { Requests = result.Requests + 1, Exceptions = self }
            : result with { Requests = result.Requests + 1, VarBinds = self };
    }

    /// <summary>
    /// Walks several subtrees at once (typically the columns of one table): each GETBULK asks for the
    /// next rows of every unfinished column, so a table costs about rows / max-repetitions PDUs
    /// instead of that times the column count.
    /// </summary>
    public async Task<IReadOnlyList<WalkResult>> WalkColumnsAsync(IReadOnlyList<Oid> roots, int maxRepetitions = 50, int maxRows = 1_000_000, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        if (roots.Count == 0) return [];
        if (maxRepetitions < 1) throw new ArgumentOutOfRangeException(nameof(maxRepetitions), "max-repetitions must be at least 1");
        var n = roots.Count;
        var rows = roots.Select(_ => new List<VarBind>()).ToArray();
        var position = roots.ToArray();
        var end = new WalkEnd?[n];
        var problem = new string?[n];
        var exceptions = roots.Select(_ => new List<VarBind>()).ToArray();
        var requests = 0;
        var reps = maxRepetitions;
        while (end.Any(e => e is null))
        {
            ct.ThrowIfCancellationRequested();
            var active = Enumerable.Range(0, n).Where(i => end[i] is null).ToArray();
            var ask = active.Select(i => new VarBind(position[i])).ToList();
            Pdu response;
            requests++;
            if (Target.Version == SnmpVersion.V1)
                response = await RequestAsync(PduType.GetNextRequest, ask, 0, 0, ct).ConfigureAwait(false);
            else
                response = await RequestAsync(PduType.GetBulkRequest, ask, 0, reps, ct).ConfigureAwait(false);

            if (response.ErrorStatus == ErrorStatus.TooBig && Target.Version != SnmpVersion.V1 && reps > 1)
            {
                reps = Math.Max(1, reps / 2);
                continue;
            }
            if (response.ErrorStatus == ErrorStatus.NoSuchName && Target.Version == SnmpVersion.V1)
            {
                // v1 reports the end of the MIB as noSuchName on the failing binding.
                var failed = response.ErrorIndex >= 1 && response.ErrorIndex <= active.Length ? active[response.ErrorIndex - 1] : active[0];
                end[failed] = WalkEnd.EndOfMibView;
                continue;
            }
            Checked(response);
            if (response.VarBinds.Count == 0)
            {
                foreach (var i in active) { end[i] = WalkEnd.EndOfMibView; problem[i] = $"{Target}: agent returned an empty response at {position[i]}"; }
                break;
            }
            var endedByException = new bool[n];
            for (var k = 0; k < response.VarBinds.Count; k++)
            {
                var i = active[k % active.Length];
                var vb = response.VarBinds[k];
                if (vb.Value.IsException && (end[i] is null || endedByException[i]))
                {
                    // snmpbulkwalk prints every exception binding of the last response that lies in the
                    // subtree (the root itself included), then stops.
                    if (vb.Oid == roots[i] || vb.Oid.IsUnder(roots[i])) exceptions[i].Add(vb);
                    end[i] ??= vb.Value.Type == SnmpType.EndOfMibView ? WalkEnd.EndOfMibView : WalkEnd.NoSuchObjectOrInstance;
                    endedByException[i] = true;
                    continue;
                }
                if (end[i] is not null) continue;
                if (!vb.Oid.IsUnder(roots[i])) { end[i] = WalkEnd.EndOfSubtree; continue; }
                if (vb.Oid <= position[i])
                {
                    end[i] = WalkEnd.NonIncreasingOid;
                    problem[i] = $"{Target}: OID not increasing during walk of {roots[i]}: {vb.Oid} came after {position[i]}; the agent's table order is broken, walk stopped";
                    continue;
                }
                rows[i].Add(vb);
                position[i] = vb.Oid;
                if (rows[i].Count >= maxRows) { end[i] = WalkEnd.RowLimit; problem[i] = $"{Target}: walk of {roots[i]} stopped at the limit of {maxRows} rows"; }
            }
        }
        return Enumerable.Range(0, n).Select(i => new WalkResult(roots[i], rows[i], end[i]!.Value, requests, problem[i]) { Exceptions = exceptions[i] }).ToList();
    }
}
