using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>The answer to a profile merge or replace, as Courier's: <c>{"status": "SUCCESS"}</c>.</summary>
public sealed record ProfileWriteResponse([property: JsonPropertyName("status")] string Status);
