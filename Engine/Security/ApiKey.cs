namespace NotificationOps.Engine.Security;

/// <summary>A key for <c>/api</c>. Only a SHA-256 hash of the secret is stored; the secret is shown once.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the secret, enough to recognise a key in a list.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Space-separated <see cref="ApiScopes"/>; null for keys made before scopes existed, which keep full access.</summary>
    public string? Scopes { get; set; }

    public bool IsActive => RevokedAt is null;
}
