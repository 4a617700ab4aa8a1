using System.Text.Json.Serialization;

namespace NotificationOps.Engine.Api;

/// <summary>A page of runs, newest first, and the cursor of the next page.</summary>
public sealed record AutomationRunListResponse(
    [property: JsonPropertyName("cursor")] string? Cursor,
    [property: JsonPropertyName("results")] IReadOnlyList<AutomationRunResponse> Results);
