using System.Globalization;
using Ops.Display;

namespace Ops.Memory;

/// <summary>One emergency measure and what it does to a server's memory and capacity.</summary>
public sealed record EmergencyOption(
    string Measure,
    int Workers,
    int Servers,
    double PerWorkerMb,
    double TotalMbPerServer,
    double ChangeMb,
    double ChangePercent,
    double BusyWorkers,
    string Note);

/// <summary>
/// Emergency measures before the investigation, on the copy-on-write model of <see cref="WorkerMemoryModel"/>:
/// fewer workers (their private copies go; the per-request growth moves to the remaining workers), added
/// servers (each server's share of requests falls) and, when workers load data for themselves, loading it
/// once in the parent before fork (one shared copy instead of one private copy per worker).
/// </summary>
public static class EmergencyOptions
{
    public static IReadOnlyList<EmergencyOption> Evaluate(
        WorkerMemoryModel model, int servers, double meanResponseSeconds,
        IEnumerable<double>? workerFractions = null, IEnumerable<int>? addedServers = null)
    {
        if (servers <= 0) throw new ArgumentOutOfRangeException(nameof(servers), "at least one server");
        var options = new List<EmergencyOption> { Make("as is", model, servers, model, meanResponseSeconds) };
        foreach (var f in workerFractions ?? [2.0 / 3, 0.5])
        {
            var n = Math.Max(1, (int)Math.Round(model.Workers * f));
            options.Add(Make(string.Create(CultureInfo.InvariantCulture, $"workers × {f:0.##} ({model.Workers} → {n})"), model with { Workers = n }, servers, model, meanResponseSeconds));
        }
        foreach (var k in addedServers ?? [1, servers])
        {
            var rps = model.RequestsPerSecond * servers / (servers + k);
            options.Add(Make($"+{k} servers ({servers} → {servers + k})", model with { RequestsPerSecond = rps }, servers + k, model, meanResponseSeconds));
        }
        if (model.PrivateDataMb > 0)
            options.Add(Make(string.Create(CultureInfo.InvariantCulture, $"load the {model.PrivateDataMb:0} MB in the parent before fork"),
                model with { PrivateDataMb = 0, SharedMb = model.SharedMb + model.PrivateDataMb }, servers, model, meanResponseSeconds));
        return options;
    }

    private static EmergencyOption Make(string measure, WorkerMemoryModel m, int servers, WorkerMemoryModel baseline, double meanResponseSeconds)
    {
        var busy = WorkerSizing.Busy(m.RequestsPerSecond * 60, meanResponseSeconds);
        var change = m.TotalMb - baseline.TotalMb;
        var note = busy >= m.Workers
            ? "too few workers for the load: requests queue"
            : WorkerSizing.ErlangC(m.Workers, busy) > 0.05
                ? string.Create(CultureInfo.InvariantCulture, $"requests wait {WorkerSizing.ErlangC(m.Workers, busy):P0} of the time")
                : m.Workers < baseline.Workers
                    ? string.Create(CultureInfo.InvariantCulture, $"workers cut {1 - (double)m.Workers / baseline.Workers:P0}, memory {-change / baseline.TotalMb:P0}: each worker removed takes its {baseline.PerWorkerMb:0} MB private memory, the others grow to {m.PerWorkerMb:0} MB")
                    : m.PrivateDataMb < baseline.PrivateDataMb
                        ? string.Create(CultureInfo.InvariantCulture, $"{baseline.Workers} private copies become one shared copy, as long as workers only read it")
                    : m.RequestsPerSecond < baseline.RequestsPerSecond
                        ? string.Create(CultureInfo.InvariantCulture, $"{m.RequestsPerSecond:0.##} requests/s per server instead of {baseline.RequestsPerSecond:0.##}")
                        : "";
        return new EmergencyOption(measure, m.Workers, servers, Math.Round(m.PerWorkerMb, 1), Math.Round(m.TotalMb, 1), Math.Round(change, 1),
            baseline.TotalMb > 0 ? Math.Round(change / baseline.TotalMb * 100, 1) : 0, Math.Round(busy, 2), note);
    }

    public static Table ToTable(IReadOnlyList<EmergencyOption> options)
    {
        var t = new Table(new TableColumn[] { new("measure"), new("workers", Alignment.Right), new("servers", Alignment.Right), new("per worker MB", Alignment.Right),
            new("per server MB", Alignment.Right), new("change MB", Alignment.Right), new("change %", Alignment.Right), new("busy", Alignment.Right), new("note") })
        { Title = "Emergency options (memory of the worker pool per server)" };
        foreach (var o in options) t.AddRow(o.Measure, o.Workers, o.Servers, o.PerWorkerMb, o.TotalMbPerServer, o.ChangeMb, o.ChangePercent, o.BusyWorkers, o.Note);
        return t;
    }
}
