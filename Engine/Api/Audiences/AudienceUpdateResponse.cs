using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary><c>PUT /api/audiences/{id}</c>, as Courier's: <c>{audience}</c>.</summary>
public sealed record AudienceUpdateResponse([property: JsonPropertyName("audience")] AudienceResponse Audience);
