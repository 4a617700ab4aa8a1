namespace NotificationOps.Engine.Security;

/// <summary>What the dashboard shows of a key: never the secret, never the hash.</summary>
public sealed record ApiKeySummary(
    Guid Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<string> Scopes)
{
    public bool IsActive => RevokedAt is null;

    public static ApiKeySummary From(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.CreatedAt, key.CreatedBy, key.LastUsedAt, key.RevokedAt, ApiScopes.FromStored(key.Scopes));
}
