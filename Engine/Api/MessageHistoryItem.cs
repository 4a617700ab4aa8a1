using System.Text.Json.Serialization;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Api;

/// <summary>
/// One entry of <c>GET /api/messages/{id}/history</c>: a history event, or a machine open or click (a scanner, a
/// privacy prefetch, a HEAD request, a hit right after delivery) flagged <c>machine</c> with its reason. Machine hits
/// are not events of the message (they change neither its status nor any count), so they are merged in when read.
/// </summary>
public sealed record MessageHistoryItem
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("ts")] public long Ts { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("payload")] public string? Payload { get; init; }
    [JsonPropertyName("machine")] public bool Machine { get; init; }
    [JsonPropertyName("machine_reason")] public string? MachineReason { get; init; }

    /// <summary>The hit kinds a <c>?type=</c> filter asks for: both without a filter, else the one it names, if any.</summary>
    public static IReadOnlyCollection<TrackingHitKind> HitKinds(string? type) => type?.Trim().ToUpperInvariant() switch
    {
        null or "" => [TrackingHitKind.Open, TrackingHitKind.Click],
        "OPENED" => [TrackingHitKind.Open],
        "CLICKED" => [TrackingHitKind.Click],
        _ => [],
    };

    /// <summary>The events in their order, each machine hit placed before the first event that happened after it.</summary>
    public static IReadOnlyList<MessageHistoryItem> Merge(IReadOnlyList<MessageEvent> events, IReadOnlyList<TrackingHit> machineHits)
    {
        var items = new List<MessageHistoryItem>(events.Count + machineHits.Count);
        var next = 0;
        foreach (var e in events)
        {
            for (; next < machineHits.Count && machineHits[next].At < e.At; next++)
            {
                items.Add(From(machineHits[next]));
            }

            items.Add(From(e));
        }

        for (; next < machineHits.Count; next++)
        {
            items.Add(From(machineHits[next]));
        }

        return items;
    }

    private static MessageHistoryItem From(MessageEvent e) => new()
    {
        Type = e.Type,
        Ts = e.At.ToUnixTimeMilliseconds(),
        Status = e.Status?.ToWire(),
        Source = e.Source,
        Provider = e.Provider,
        Detail = e.Detail,
        Payload = e.Payload,
    };

    private static MessageHistoryItem From(TrackingHit hit) => new()
    {
        Type = hit.Kind == TrackingHitKind.Click ? MessageStatus.Clicked.ToWire() : MessageStatus.Opened.ToWire(),
        Ts = hit.At.ToUnixTimeMilliseconds(),
        Source = MessageEventSources.Tracking,
        Detail = hit.Kind == TrackingHitKind.Click
            ? $"Machine click on link {hit.LinkId} ({hit.Method}, {hit.UserAgent ?? "no user agent"}); not counted, status unchanged."
            : $"Machine open ({hit.Method}, {hit.UserAgent ?? "no user agent"}); not counted, status unchanged.",
        Machine = true,
        MachineReason = hit.MachineReason,
    };
}
