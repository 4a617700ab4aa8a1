using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>The delivery that carries a test event (see its log entry for the outcome).</summary>
public sealed record WebhookTestResponse([property: JsonPropertyName("delivery_id")] long DeliveryId);
