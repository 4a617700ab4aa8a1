namespace NotificationOps.Engine.Templates;

/// <summary>One saved state of a template's content. Never changed once written, so a message pinned to it renders the same on every retry.</summary>
public sealed class TemplateVersion
{
    public required string TemplateId { get; set; }

    public int Number { get; set; }

    /// <summary>The <see cref="TemplateContent"/> as JSON.</summary>
    public required string ContentJson { get; set; }

    /// <summary>The dashboard user or API key that saved it.</summary>
    public required string Author { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>Why it exists when not a plain edit, e.g. "restored from version 2".</summary>
    public string? Note { get; set; }
}
