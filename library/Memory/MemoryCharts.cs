using System.Globalization;
using Ops.Display;

namespace Ops.Memory;

/// <summary>
/// The triage's charts: free and available memory per host over time, with sudden drops as points,
/// kills as vertical markers and requests per minute on the right axis; and hosts ranked by anomaly.
/// </summary>
public static class MemoryCharts
{
    /// <summary>One panel per host (small multiples sharing the time axis), the most anomalous first.</summary>
    public static ChartGrid PerHost(this MemoryChartData data, int maxHosts = 12)
    {
        var hosts = data.Ranking.Select(r => r.Host).Take(maxHosts).ToList();
        if (hosts.Count == 0) throw new InvalidOperationException("no hosts to chart");
        var requests = data.Series.FirstOrDefault(s => s.SecondAxis);
        var panels = hosts.Select(host => Panel(data, host, requests)).ToList();
        return new ChartGrid(panels) { Title = "Free and available memory per host (MB)", ShareY = true };
    }

    private static Chart Panel(MemoryChartData data, string host, MemorySeries? requests)
    {
        var chart = new Chart(host).YAxis("MB");
        foreach (var s in data.Series.Where(s => s.Host == host && !s.SecondAxis))
            chart.Line(s.Name.StartsWith(host + " ", StringComparison.Ordinal) ? s.Name[(host.Length + 1)..] : s.Name, s.Points.Select(p => (p.Time, p.Value)));
        var drops = data.Markers.Where(m => m.Host == host && m.Kind == "drop").ToList();
        if (drops.Count > 0) chart.Scatter("sudden drops", drops.Select(m => (m.Time, m.ValueMb))).Color("#d62728");
        if (requests is not null) chart.Line("requests/min", requests.Points.Select(p => (p.Time, p.Value))).Color("#7f7f7f").OnSecondAxis("requests/min");
        chart.Markers(data.Markers.Where(m => m.Host == host && m.Kind == "kill"), m => m.Time, m => m.Label);
        return chart;
    }

    /// <summary>Hosts ranked by anomaly score (bars), with the 3.5 outlier line as an annotation.</summary>
    public static Chart Ranking(this MemoryChartData data, double outlierScore = 3.5)
    {
        var chart = new Chart("Hosts ranked by anomaly score").XAxis("rank").YAxis("robust z-score").FromZero();
        chart.Bar("anomaly score", data.Ranking.Select((r, i) => ((double)(i + 1), r.AnomalyScore)));
        for (var i = 0; i < data.Ranking.Count; i++)
            chart.Annotate(i + 1, data.Ranking[i].AnomalyScore, data.Ranking[i].Host);
        if (data.Ranking.Count > 0)
            chart.Line(string.Create(CultureInfo.InvariantCulture, $"outlier ({outlierScore:0.#})"), new[] { (0.5, outlierScore), (data.Ranking.Count + 0.5, outlierScore) }).Color("#d62728");
        return chart;
    }
}
