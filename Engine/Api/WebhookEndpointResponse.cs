using System.Text.Json.Serialization;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Api;

/// <summary>An outbound webhook endpoint (epoch-millisecond times). <see cref="Secret"/> only in the answers to create and rotate.</summary>
public sealed record WebhookEndpointResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("events")] public required IReadOnlyList<string> Events { get; init; }
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
    [JsonPropertyName("include_machine_hits")] public bool IncludeMachineHits { get; init; }
    [JsonPropertyName("created")] public long Created { get; init; }
    [JsonPropertyName("updated")] public long Updated { get; init; }
    [JsonPropertyName("failing_since")] public long? FailingSince { get; init; }
    [JsonPropertyName("disabled_reason")] public string? DisabledReason { get; init; }
    [JsonPropertyName("disabled_at")] public long? DisabledAt { get; init; }
    [JsonPropertyName("previous_secret_expires")] public long? PreviousSecretExpires { get; init; }

    [JsonPropertyName("secret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    public static WebhookEndpointResponse From(WebhookEndpoint e) => new()
    {
        Id = e.Id,
        Url = e.Url,
        Description = e.Description,
        Events = e.Events.Split(','),
        Enabled = e.Enabled,
        IncludeMachineHits = e.IncludeMachineHits,
        Created = e.CreatedAt.ToUnixTimeMilliseconds(),
        Updated = e.UpdatedAt.ToUnixTimeMilliseconds(),
        FailingSince = e.FailingSince?.ToUnixTimeMilliseconds(),
        DisabledReason = e.DisabledReason,
        DisabledAt = e.DisabledAt?.ToUnixTimeMilliseconds(),
        PreviousSecretExpires = e.PreviousSecretExpiresAt?.ToUnixTimeMilliseconds(),
    };
}
