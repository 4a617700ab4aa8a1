using System.Text.Json.Serialization;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine.Api;

/// <summary>An API key as /api/keys shows it; <see cref="Secret"/> only in the answer that created it.</summary>
public sealed record ApiKeyResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt)
{
    [JsonPropertyName("secret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    public static ApiKeyResponse From(ApiKeySummary key) =>
        new(key.Id, key.Name, key.Prefix, key.Scopes, key.CreatedAt, key.RevokedAt);
}
