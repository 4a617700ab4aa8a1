using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>Courier's <c>Paging</c>: whether more items follow, and the cursor to ask for them.</summary>
public sealed record CursorPaging(
    [property: JsonPropertyName("more")] bool More,
    [property: JsonPropertyName("cursor")] string? Cursor);
