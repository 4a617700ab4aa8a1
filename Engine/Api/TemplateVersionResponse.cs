using System.Text.Json.Serialization;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Api;

/// <summary>One version of a template: who wrote it, when, and whether and when it was published.</summary>
public sealed record TemplateVersionResponse(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("author")] string Author,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("published_at")] DateTimeOffset? PublishedAt,
    [property: JsonPropertyName("published_by")] string? PublishedBy,
    [property: JsonPropertyName("note")] string? Note)
{
    public static TemplateVersionResponse From(TemplateVersion v) => new(v.Number, v.Author, v.CreatedAt, v.PublishedAt, v.PublishedBy, v.Note);
}
