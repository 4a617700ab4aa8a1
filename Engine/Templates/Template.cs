namespace NotificationOps.Engine.Templates;

/// <summary>
/// A template (Courier's "notification"): sent by its id or alias. Its content lives in immutable
/// <see cref="TemplateVersion"/>s; the latest one above the published one is the draft.
/// </summary>
public sealed class Template
{
    public required string Id { get; set; }

    /// <summary>Lower-case, unique among templates that are not deleted; what <c>POST /api/send</c> names.</summary>
    public required string Alias { get; set; }

    public required string Name { get; set; }

    /// <summary>Comma-separated, lower-case.</summary>
    public string? Tags { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int LatestVersion { get; set; }

    /// <summary>The version sends use; null until the first publish.</summary>
    public int? PublishedVersion { get; set; }

    /// <summary>Deleted templates are kept so messages that used them still show what they were.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public bool HasDraft => PublishedVersion != LatestVersion;

    public IReadOnlyList<string> TagList => string.IsNullOrEmpty(Tags) ? [] : Tags.Split(',');
}
