using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>The answer to a preference PUT, as Courier's: <c>{message}</c>.</summary>
public sealed record PreferenceUpdateResponse([property: JsonPropertyName("message")] string Message);
