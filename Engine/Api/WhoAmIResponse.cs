using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

public sealed record WhoAmIResponse(
    [property: JsonPropertyName("key_id")] string KeyId,
    [property: JsonPropertyName("key_name")] string KeyName);
