using System.Text.Json.Serialization;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Api;

/// <summary>One event of a message's history: its type, time (epoch ms), the status it set, and where it came from.</summary>
public sealed record MessageHistoryEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ts")] long Ts,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("payload")] string? Payload)
{
    public static MessageHistoryEntry From(MessageEvent e) =>
        new(e.Type, e.At.ToUnixTimeMilliseconds(), e.Status?.ToWire(), e.Source, e.Provider, e.Detail, e.Payload);
}
