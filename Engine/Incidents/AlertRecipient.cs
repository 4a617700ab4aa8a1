namespace NotificationOps.Engine.Incidents;

/// <summary>Someone told about incidents (Settings → Alerts), by email or in a Slack or Teams channel.</summary>
public sealed class AlertRecipient
{
    public long Id { get; set; }

    /// <summary>One of <see cref="AlertRecipientKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>An email address, a Slack channel (or webhook URL), a Teams conversation id (or webhook URL).</summary>
    public required string Target { get; set; }

    public bool OnOpened { get; set; } = true;

    public bool OnUpdated { get; set; } = true;

    public bool OnResolved { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
