using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>The cursor to the next page of messages, and whether there is one.</summary>
public sealed record MessagePaging(
    [property: JsonPropertyName("cursor")] string? Cursor,
    [property: JsonPropertyName("more")] bool More);
