using Ops.Memory;

namespace Ops.Tests.Memory;

/// <summary>Deterministic synthetic fleets: per-second samples for several hosts and per-minute requests.</summary>
internal static class Fleet
{
    public static readonly DateTime Start = new(2019, 6, 14, 23, 0, 0);

    /// <summary>Hosts whose free memory (MB) at second t is <paramref name="freeMb"/>(host, t) plus ±10 MB noise.</summary>
    public static List<HostSeries> Hosts(int hosts, int seconds, Func<int, int, double> freeMb, int seed = 1)
    {
        var list = new List<HostSeries>();
        for (var h = 0; h < hosts; h++)
        {
            var random = new Random(seed * 100 + h);
            var s = new HostSeries($"web{h + 1:00}", seconds);
            for (var t = 0; t < seconds; t++)
            {
                var free = (long)((freeMb(h, t) + random.NextDouble() * 20 - 10) * 1024);
                s.Add(new MemorySample(Start.AddSeconds(t), free, 600 * 1024, 400 * 1024));
            }
            list.Add(s);
        }
        return list;
    }

    public static List<RequestMinute> Requests(int minutes, Func<int, double> perMinute, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, minutes)
            .Select(m => new RequestMinute(Start.AddMinutes(m), (int)Math.Round(perMinute(m) + random.NextDouble() * 6 - 3), 0.3, 0.6))
            .ToList();
    }

    /// <summary>Flat traffic around 150 requests per minute.</summary>
    public static List<RequestMinute> FlatRequests(int minutes) => Requests(minutes, _ => 150);

    /// <summary>
    /// The seed's case: flat until <paramref name="from"/>, then every host now and then loses
    /// 250–450 MB within a second (a worker loading the master table), given back when workers are recycled.
    /// </summary>
    public static Func<int, int, double> SuddenAllocations(int from, int seed = 3)
    {
        var events = new Dictionary<int, List<(int At, double Mb)>>();
        return (h, t) =>
        {
            if (!events.TryGetValue(h, out var list))
            {
                var random = new Random(seed * 31 + h);
                list = new List<(int, double)>();
                for (var at = from + random.Next(20, 90); at < 4 * 3600; at += random.Next(60, 150))
                    list.Add((at, 250 + random.NextDouble() * 200));
                events[h] = list;
            }
            // Each allocation is held for 40 s, then its worker is recycled.
            var held = 0.0;
            foreach (var e in list)
            {
                if (e.At > t) break;
                if (t < e.At + 40) held += e.Mb;
            }
            return 1500 - held;
        };
    }
}
