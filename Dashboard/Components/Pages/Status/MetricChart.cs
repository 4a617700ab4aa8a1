using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Engine.Observability;

namespace NotificationOps.Dashboard.Components.Pages.Status;

/// <summary>One chart of stored samples: one line per label (or per series name), on a shared time axis.</summary>
public sealed record MetricChart(string Title, string Unit, string[] Labels, List<ChartSeries<double>> Series, LineChartOptions Options)
{
    public bool Empty => Series.Count == 0;

    /// <summary>
    /// Builds the chart for <paramref name="lines"/> (line name → points), every bucket of the span on the axis. The
    /// axis reads in the user's zone like every other time (<c>Timestamp</c>); the page names the zone beside the charts.
    /// </summary>
    public static MetricChart Build(string title, string unit, IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>> lines, DateTimeOffset now, TimeSpan span, UserTimeZone? zone = null)
    {
        zone ??= UserTimeZone.Utc;
        var step = span <= TimeSpan.FromHours(2) ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
        var count = (int)(span / step);
        var first = Floor(now - span, step);
        var axis = Enumerable.Range(0, count).Select(i => first + (step * i)).ToList();
        // Five or six labels: more overlap on a phone, where a chart is about 300 px wide.
        var every = Math.Max(1, count / 5);
        var labels = axis.Select((at, i) => i % every == 0 ? zone.Clock(at) : string.Empty).ToArray();
        var series = lines.Where(l => l.Value.Count > 0).Select(l =>
        {
            var byBucket = l.Value.GroupBy(p => p.At).ToDictionary(g => g.Key, g => g.Last().Value);
            return new ChartSeries<double> { Name = l.Key, Data = new ChartData<double>(axis.Select(at => byBucket.GetValueOrDefault(at)).ToArray()) };
        }).ToList();
        var highest = lines.Values.SelectMany(v => v).Select(p => p.Value).DefaultIfEmpty(0).Max();
        var options = new LineChartOptions { YAxisTicks = Analytics.AnalyticsPage.YAxisStep(highest), YAxisFormat = "0.#" };
        return new MetricChart(title, unit, labels, series, options);
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan step) => new(at.UtcTicks - (at.UtcTicks % step.Ticks) + step.Ticks, TimeSpan.Zero);
}
