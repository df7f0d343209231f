using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// All controllers of an environment as one: the AP map, the overview, channel changes, radar
/// recovery and client balancing, over live SNMP or a recording. Controllers are read concurrently;
/// a controller that fails is reported in the result's problems and the others are still shown.
/// </summary>
public sealed class Wlc : IAsyncDisposable
{
    public Wlc(IEnumerable<IWlcSource> sources)
    {
        Sources = sources.ToList();
        if (Sources.Count == 0) throw new ArgumentException("no controllers to work on", nameof(sources));
    }

    public IReadOnlyList<IWlcSource> Sources { get; }

    /// <summary>How much each question may read per controller (rows derived from the AP count, and time).</summary>
    public WalkBudget Budget { get; init; } = WalkBudget.Default;

    /// <summary>Request PDUs sent to all controllers so far.</summary>
    public int Requests => Sources.Sum(s => s.Requests);

    /// <summary>Live controllers from an inventory; credentials come from the environment when each client is created.</summary>
    public static Wlc Connect(ControllerInventory inventory, Func<string, string?>? environment = null) =>
        new(inventory.Controllers.Select(c => (IWlcSource)new SnmpWlcSource(c.Name, new SnmpClient(c.ToTarget(environment)), c.Cli)));

    /// <summary>
    /// Recorded controllers from a directory of <c>NAME.snmprec</c> or <c>NAME.walk</c> files: those the
    /// inventory lists, or every recording in the directory when no inventory is given.
    /// </summary>
    public static Wlc Recorded(string directory, ControllerInventory? inventory = null)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"recording directory {directory} does not exist");
        string? FileFor(string name) => new[] { ".snmprec", ".walk", ".txt" }.Select(ext => Path.Combine(directory, name + ext)).FirstOrDefault(File.Exists);
        if (inventory != null)
            return new Wlc(inventory.Controllers.Select(c => (IWlcSource)RecordedWlcSource.Load(
                FileFor(c.Name) ?? throw new FileNotFoundException($"no recording for controller {c.Name} in {directory} (expected {c.Name}.snmprec or {c.Name}.walk)"),
                c.Name, c.Cli)));
        var files = Directory.GetFiles(directory).Where(f => f.EndsWith(".snmprec", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".walk", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"no .snmprec or .walk recordings in {directory}");
        return new Wlc(files.Select(f => (IWlcSource)RecordedWlcSource.Load(f)));
    }

    /// <summary>The source for the CLI and notebooks: a recording directory when given, else live controllers.</summary>
    public static Wlc Open(string? inventoryPath, string environment = "production", string? recordedDirectory = null, WalkBudget? budget = null)
    {
        var inventory = inventoryPath is null ? null : ControllerInventory.Load(inventoryPath, environment);
        var wlc = recordedDirectory != null ? Recorded(recordedDirectory, inventory)
            : Connect(inventory ?? throw new ArgumentException("give an inventory (--inventory FILE) for live controllers, or a recording directory"));
        return budget is null ? wlc : new Wlc(wlc.Sources) { Budget = budget };
    }

    public IWlcSource this[string controller] => Sources.FirstOrDefault(s => s.Name.Equals(controller, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no controller {controller} (have {string.Join(", ", Sources.Select(s => s.Name))})");

    /// <summary>Reads every controller concurrently; failures become problems, not exceptions.</summary>
    public async Task<(IReadOnlyList<ControllerData> Data, IReadOnlyList<string> Problems)> ReadAsync(ControllerData.Parts parts, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        var tasks = Sources.Select(s => ControllerData.ReadAsync(s, parts, Budget, ct)).ToList();
        // One controller failing must not hide the others: failures are collected per task below.
        try { await Task.WhenAll(tasks).ConfigureAwait(false); }
        catch (Exception) when (!ct.IsCancellationRequested) { }
        ct.ThrowIfCancellationRequested();
        var data = new List<ControllerData>();
        var problems = new List<string>();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].IsCompletedSuccessfully) { data.Add(tasks[i].Result); problems.AddRange(tasks[i].Result.Problems); }
            else if (tasks[i].Exception?.InnerException is { } e and not OperationCanceledException)
                problems.Add($"controller {Sources[i].Name} skipped: {e.Message}");
            else if (tasks[i].IsCanceled) throw new OperationCanceledException(ct);
        }
        return (data, problems);
    }

    /// <summary>The AP→controller map from bsnAPName walked on every controller at once.</summary>
    public async Task<ApMap> MapAsync(ApMap? previous = null, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        var tasks = Sources.Select(s => Budget.RunAsync(s, t => s.WalkColumnsAsync([AirespaceOids.ApName], Budget.MaxAccessPoints, t), ct)).ToList();
        try { await Task.WhenAll(tasks).ConfigureAwait(false); }
        catch (Exception) when (!ct.IsCancellationRequested) { }
        ct.ThrowIfCancellationRequested();
        var entries = new List<ApMapEntry>();
        var problems = new List<string>();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (!tasks[i].IsCompletedSuccessfully)
            {
                if (tasks[i].IsCanceled) throw new OperationCanceledException(ct);
                problems.Add($"controller {Sources[i].Name} skipped: {tasks[i].Exception?.InnerException?.Message}");
                continue;
            }
            var walk = tasks[i].Result[0];
            if (walk.Problem != null) problems.Add(walk.Problem);
            foreach (var vb in walk.VarBinds)
            {
                var idx = vb.Oid.IndexUnder(AirespaceOids.ApName);
                if (idx.Length != 6 || idx.Ids.ToArray().Any(b => b > 255)) { problems.Add($"{Sources[i].Name}: bsnAPName row {vb.Oid} has no MAC index; skipped"); continue; }
                entries.Add(new ApMapEntry(Sources[i].Name, vb.Value.AsString() ?? "", idx.ToString()));
            }
        }
        var map = new ApMap(entries, problems);
        return previous is null ? map : map.ComparedWith(previous);
    }

    /// <summary>One row per radio, filtered by AP name (exact, case-insensitive, or a prefix ending in *), AP group and band.</summary>
    public async Task<Overview> OverviewAsync(string? ap = null, string? group = null, Band? band = null, CancellationToken cancellationToken = default)
    {
        var (data, problems) = await ReadAsync(ControllerData.Parts.Overview, cancellationToken).ConfigureAwait(false);
        var rows = data.SelectMany(d => d.Radios)
            .Where(r => ap is null || NameMatches(r.ApName, ap))
            .Where(r => group is null || r.ApGroup.Equals(group, StringComparison.OrdinalIgnoreCase))
            .Where(r => band is null || r.Band == band)
            .Select(OverviewRow.From);
        var dupes = data.SelectMany(d => d.AccessPoints).GroupBy(a => a.Name).Where(g => g.Select(a => a.Controller).Distinct().Count() > 1)
            .Select(g => $"AP {g.Key} is on {string.Join(" and ", g.Select(a => a.Controller))}");
        return new Overview(rows, problems.Concat(dupes)) { ControllersNotRead = Sources.Count - data.Count };
    }

    internal static bool NameMatches(string name, string pattern) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase) : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>All radios with radar and neighbour tables, for planning.</summary>
    public async Task<IReadOnlyList<Radio>> RadiosAsync(CancellationToken cancellationToken = default)
    {
        var (data, problems) = await ReadAsync(ControllerData.Parts.All, cancellationToken).ConfigureAwait(false);
        if (data.Count == 0) throw new SnmpException("no controller could be read: " + string.Join("; ", problems));
        return data.SelectMany(d => d.Radios).ToList();
    }

    /// <summary>Writes every controller's AIRESPACE subtree to <c>DIR/NAME.snmprec</c>, for offline replay.</summary>
    public async Task<IReadOnlyList<string>> RecordAsync(string directory, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        Directory.CreateDirectory(directory);
        var tasks = Sources.Select(async s =>
        {
            // A recording is the whole subtree, so only time bounds it (and the SNMP client's own row limit).
            var walk = (await Budget.RunAsync(s, t => s.WalkColumnsAsync([AirespaceOids.Airespace], 1_000_000, t), ct).ConfigureAwait(false))[0];
            var path = Path.Combine(directory, s.Name + ".snmprec");
            Recording.WriteSnmprec(path, walk.VarBinds);
            return walk.Problem is null ? path : $"{path} ({walk.Problem})";
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in Sources) await s.DisposeAsync().ConfigureAwait(false);
    }
}
