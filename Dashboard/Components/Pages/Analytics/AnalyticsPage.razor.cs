using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NotificationOps.Dashboard.Components.Shared;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Dashboard.Components.Pages.Analytics;

/// <summary>
/// The funnel sent → delivered → opened → clicked for a period, template and channel (all in the query string, so
/// a view is a link), its course over time, and the per-link clicks. Machine hits are shown apart, never counted.
/// </summary>
public sealed partial class AnalyticsPage
{
    /// <summary>The template filter's value for "all" (the empty string is a real key: inline content).</summary>
    public const string AllTemplates = "*";

    private static readonly int[] Periods = [7, 30, 90];
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private IReadOnlyList<AnalyticsTemplate> templates = [];
    private AnalyticsReport? report;
    private List<ChartSeries<double>> series = [];
    private string[] labels = [];
    private LineChartOptions chartOptions = new();
    private string? error;
    private int days = 30;
    private string template = AllTemplates;
    private string channel = string.Empty;

    [Inject]
    private TrackingAnalytics Analytics { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "days")]
    private int? DaysParameter { get; set; }

    [SupplyParameterFromQuery(Name = "template")]
    private string? TemplateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "channel")]
    private string? ChannelParameter { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        days = DaysParameter is { } d && Periods.Contains(d) ? d : 30;
        template = TemplateParameter ?? AllTemplates;
        channel = ChannelParameter is { } c && Engine.Channels.IsKnown(c) ? c : string.Empty;
        try
        {
            templates = await Analytics.TemplatesAsync();
            var to = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
            var from = to.AddDays(1 - days);
            report = await Analytics.ReportAsync(new AnalyticsQuery(from, to, template == AllTemplates ? null : template, channel.Length == 0 ? null : channel));
            BuildChart(from, to);
            error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message;
        }
    }

    private void BuildChart(DateOnly from, DateOnly to)
    {
        var byDay = report!.Days.ToDictionary(d => d.Day!.Value);
        var range = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        double[] Values(Func<AnalyticsTotals, long> pick) =>
            range.Select(day => byDay.TryGetValue(day, out var totals) ? pick(totals) : 0d).ToArray();
        // Every label on a 90-day axis is unreadable: about ten of them, the rest left blank.
        var step = Math.Max(1, range.Count / 10);
        labels = range.Select((day, i) => i % step == 0 ? day.ToString("MM-dd", Culture) : string.Empty).ToArray();
        series =
        [
            new() { Name = "Delivered", Data = new ChartData<double>(Values(t => t.Delivered)) },
            new() { Name = "Opened (unique)", Data = new ChartData<double>(Values(t => t.UniqueOpens)) },
            new() { Name = "Clicked (unique)", Data = new ChartData<double>(Values(t => t.UniqueClicks)) },
            new() { Name = "Machine hits", Data = new ChartData<double>(Values(t => t.MachineOpens + t.MachineClicks)) },
        ];
        var highest = report.Days.Select(d => (double)new[] { d.Delivered, d.UniqueOpens, d.UniqueClicks, d.MachineOpens + d.MachineClicks }.Max()).DefaultIfEmpty(0).Max();
        chartOptions = new LineChartOptions { YAxisTicks = YAxisStep(highest), YAxisFormat = "N0" };
    }

    /// <summary>
    /// A round step giving about five gridlines up to <paramref name="max"/>: MudBlazor's fixed default (20) leaves
    /// small counts as a flat line under a single "20" and large ones under hundreds of gridlines.
    /// </summary>
    internal static int YAxisStep(double max)
    {
        var rough = Math.Max(1, max / 5);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return (int)Math.Min(int.MaxValue, Math.Max(1, step));
    }

    private IEnumerable<(string Key, string Label, long Value, string Note)> Funnel()
    {
        var t = report!.Totals;
        yield return ("sent", "Sent", t.Sent, "accepted by a provider");
        // What the funnel loses between sent and delivered is said, not left for the reader to subtract.
        yield return ("delivered", "Delivered", t.Delivered, $"{Share(t.Delivered, t.Sent)} of sent · {Counted.Of(Math.Max(0, t.Sent - t.Delivered), "message")} not delivered");
        yield return ("opened", "Opened", t.UniqueOpens, OpenNote(t));
        yield return ("clicked", "Clicked", t.UniqueClicks, $"{Share(t.UniqueClicks, t.UniqueOpens)} of opened · {Counted.Of(t.TotalClicks, "click")} in all");
    }

    /// <summary>
    /// The open rate over the deliveries that could be opened: an SMS or chat message has no open pixel, so counting
    /// it in the base would make every mixed-channel rate look worse than it is.
    /// </summary>
    private string OpenNote(AnalyticsTotals t)
    {
        var openable = report!.OpenableChannels;
        if (openable.Count == 0)
        {
            return channel.Length == 0 ? "no channel tracks opens" : $"opens are not tracked on {channel}";
        }

        var over = report.OpenableDelivered == t.Delivered ? "of delivered" : $"of {report.OpenableDelivered.ToString("N0", Culture)} delivered by {string.Join(", ", openable)}";
        return $"{Share(t.UniqueOpens, report.OpenableDelivered)} {over} · {Counted.Of(t.TotalOpens, "open")} in all";
    }

    /// <summary>The event log's failures over the same period and channel (ranges it knows: 7 or 30 days, else all).</summary>
    private string FailuresLink => new EventLog.EventLogQuery
    {
        Statuses = [NotificationOps.Engine.Messages.MessageStatus.Undeliverable],
        Channel = string.IsNullOrEmpty(channel) ? null : channel,
        Range = days switch { <= 7 => "7d", <= 30 => "30d", _ => "all" },
    }.ToUrl();

    private static string Share(long part, long whole) => whole == 0 ? "—" : (part / (double)whole).ToString("P0", Culture);

    private string TemplateLabel(string key) =>
        templates.FirstOrDefault(t => t.Key == key)?.Label ?? (key.Length == 0 ? "(inline content)" : key);

    private Task NavigateAsync(int newDays, string newTemplate, string newChannel)
    {
        var query = new Dictionary<string, object?>
        {
            ["days"] = newDays == 30 ? null : newDays,
            ["template"] = newTemplate == AllTemplates ? null : newTemplate,
            ["channel"] = newChannel.Length == 0 ? null : newChannel,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
        return Task.CompletedTask;
    }
}
