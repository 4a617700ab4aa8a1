using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>How many deliveries a replay queued again.</summary>
public sealed record WebhookReplayResponse([property: JsonPropertyName("replayed")] int Replayed);
