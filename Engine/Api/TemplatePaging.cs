using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>Whether more templates follow, and the cursor (the last alias) to ask for them.</summary>
public sealed record TemplatePaging(
    [property: JsonPropertyName("more")] bool More,
    [property: JsonPropertyName("cursor")] string? Cursor);
