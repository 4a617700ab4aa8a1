using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>One automation template with its draft and published steps (ours, not Courier's).</summary>
public sealed record AutomationTemplateResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("published_version")] int PublishedVersion,
    [property: JsonPropertyName("draft_steps")] JsonArray DraftSteps,
    [property: JsonPropertyName("published_steps")] JsonArray? PublishedSteps,
    [property: JsonPropertyName("trigger_events")] IReadOnlyList<string> TriggerEvents,
    [property: JsonPropertyName("cancelation_token")] string? CancelationToken,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);
