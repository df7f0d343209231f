using Ops.MySql;

namespace Ops.Aurora.MyDns;

/// <summary>Asks each instance directly (not through DNS) whether it answers and whether it is read-only.</summary>
public static class InstanceObserver
{
    /// <summary>Observes all instances in parallel; <paramref name="lastKnown"/> fills innodb_read_only for those that do not answer.</summary>
    public static async Task<IReadOnlyList<InstanceObservation>> ObserveAsync(IEnumerable<(string Instance, MySqlSettings Settings)> instances,
        IReadOnlyDictionary<string, bool>? lastKnown = null, CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        var tasks = instances.Select(async i =>
        {
            try
            {
                await using var session = await MySqlSession.OpenAsync(i.Settings, cancellationToken).ConfigureAwait(false);
                var who = await FailoverProbe.IdentifyAsync(session, cancellationToken).ConfigureAwait(false);
                var ro = who?.IsReadOnly;
                return new InstanceObservation(i.Instance, who is not null, ro);
            }
            catch (MySqlException)
            {
                return new InstanceObservation(i.Instance, false, lastKnown is not null && lastKnown.TryGetValue(i.Instance, out var v) ? v : null);
            }
        });
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
