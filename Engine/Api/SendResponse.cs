using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

public sealed record SendResponse([property: JsonPropertyName("requestId")] string RequestId);
