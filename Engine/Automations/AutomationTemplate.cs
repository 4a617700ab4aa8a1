namespace NotificationOps.Engine.Automations;

/// <summary>
/// A named automation: a draft the editor saves and a published version runs start from, like message templates.
/// Publishing copies the draft and raises the version.
/// </summary>
public sealed class AutomationTemplate
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string DraftStepsJson { get; set; } = "[]";

    public string? PublishedStepsJson { get; set; }

    /// <summary>0 until first published.</summary>
    public int PublishedVersion { get; set; }

    /// <summary>Inbound event names that start a run (comma-separated).</summary>
    public string? TriggerEvents { get; set; }

    public string? CancelationToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
