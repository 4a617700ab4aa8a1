using Microsoft.AspNetCore.WebUtilities;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Components.Pages.EventLog;

/// <summary>
/// The event log's filter as it lives in the query string (<c>/?status=UNDELIVERABLE&amp;provider=sendgrid&amp;range=1h</c>),
/// so a filtered view is a link and back/forward work.
/// </summary>
public sealed record EventLogQuery
{
    public static readonly IReadOnlyList<(string Key, string Label, TimeSpan? Span)> Ranges =
    [
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("24h", "Last 24 hours", TimeSpan.FromHours(24)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
        ("30d", "Last 30 days", TimeSpan.FromDays(30)),
        ("all", "All time", null),
    ];

    public const string DefaultRange = "7d";

    public IReadOnlyList<MessageStatus> Statuses { get; init; } = [];

    public string? Channel { get; init; }

    public string? Provider { get; init; }

    public string? Template { get; init; }

    public string? Tag { get; init; }

    public string? Recipient { get; init; }

    public string? Search { get; init; }

    public string Range { get; init; } = DefaultRange;

    /// <summary>Failure reasons (<c>?reason=NO_PROVIDERS,PROVIDER_ERROR</c>).</summary>
    public IReadOnlyList<MessageReason> Reasons { get; init; } = [];

    /// <summary>The messages one bulk operation acted on (<c>?bulk=id</c>), the link from its progress panel.</summary>
    public string? Bulk { get; init; }

    /// <summary>Keyset position of an older page; null for the newest.</summary>
    public string? Cursor { get; init; }

    public bool IsFiltered =>
        Statuses.Count > 0 || Channel is not null || Provider is not null || Template is not null || Tag is not null
        || Recipient is not null || Search is not null || Range != DefaultRange || Reasons.Count > 0 || Bulk is not null;

    public static EventLogQuery Parse(string? status, string? channel, string? provider, string? template, string? tag,
        string? recipient, string? q, string? range, string? cursor, string? reason = null, string? bulk = null)
    {
        var reasons = (reason ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => MessageStatusNames.TryParseReason(r, out var parsed) ? parsed : (MessageReason?)null)
            .Where(r => r is not null).Select(r => r!.Value).Distinct().ToList();
        var statuses = (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => MessageStatusNames.TryParseStatus(s, out var parsed) ? parsed : (MessageStatus?)null)
            .Where(s => s is not null).Select(s => s!.Value).Distinct().ToList();
        return new EventLogQuery
        {
            Statuses = statuses,
            Channel = Blank(channel),
            Provider = Blank(provider),
            Template = Blank(template),
            Tag = Blank(tag),
            Recipient = Blank(recipient),
            Search = Blank(q),
            Range = Ranges.Any(r => r.Key == range) ? range! : DefaultRange,
            Cursor = Blank(cursor),
            Reasons = reasons,
            Bulk = Blank(bulk),
        };
    }

    /// <summary>The Engine filter; range ends are floored to the minute so the status counts stay cached.</summary>
    public MessageFilter ToFilter(DateTimeOffset now)
    {
        var span = Ranges.First(r => r.Key == Range).Span;
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return new MessageFilter
        {
            Statuses = Statuses,
            Channels = Channel is null ? [] : [Channel],
            Providers = Provider is null ? [] : [Provider],
            // The tag and template fields match by prefix: "wel" finds "welcome", "vi" finds "vip".
            TemplatePrefix = Template,
            TagPrefix = Tag,
            RecipientPrefix = Recipient,
            Search = Search,
            EnqueuedAfter = span is { } s ? minute - s : null,
            Reasons = Reasons,
            BulkOperationId = Bulk,
        };
    }

    /// <summary>The relative URL of this view.</summary>
    public string ToUrl()
    {
        var parameters = new Dictionary<string, string?>();
        if (Statuses.Count > 0)
        {
            parameters["status"] = string.Join(",", Statuses.Select(s => s.ToWire()));
        }

        parameters["channel"] = Channel;
        parameters["provider"] = Provider;
        parameters["template"] = Template;
        parameters["tag"] = Tag;
        parameters["recipient"] = Recipient;
        parameters["q"] = Search;
        parameters["reason"] = Reasons.Count == 0 ? null : string.Join(",", Reasons.Select(r => r.ToWire()));
        parameters["bulk"] = Bulk;
        parameters["range"] = Range == DefaultRange ? null : Range;
        parameters["cursor"] = Cursor;
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value);
        return present.Count == 0 ? "/" : QueryHelpers.AddQueryString("/", present);
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
