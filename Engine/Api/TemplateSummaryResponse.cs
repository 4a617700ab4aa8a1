using System.Text.Json.Serialization;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Api;

/// <summary>A template in a list: <c>GET /api/templates</c>.</summary>
public record TemplateSummaryResponse
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("alias")]
    public required string Alias { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("tags")]
    public required IReadOnlyList<string> Tags { get; init; }

    [JsonPropertyName("latest_version")]
    public int LatestVersion { get; init; }

    [JsonPropertyName("published_version")]
    public int? PublishedVersion { get; init; }

    [JsonPropertyName("has_draft")]
    public bool HasDraft { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public DateTimeOffset UpdatedAt { get; init; }

    public static TemplateSummaryResponse From(Template t) => new()
    {
        Id = t.Id,
        Alias = t.Alias,
        Name = t.Name,
        Tags = t.TagList,
        LatestVersion = t.LatestVersion,
        PublishedVersion = t.PublishedVersion,
        HasDraft = t.HasDraft,
        CreatedAt = t.CreatedAt,
        UpdatedAt = t.UpdatedAt,
    };
}
