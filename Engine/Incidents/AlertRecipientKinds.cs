namespace NotificationOps.Engine.Incidents;

public static class AlertRecipientKinds
{
    public const string Email = "email";
    public const string Slack = "slack";
    public const string Teams = "teams";

    /// <summary>An outbound webhook endpoint (its id): told with an <c>incident:updated</c> event, not a message.</summary>
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> All { get; } = [Email, Slack, Teams, Webhook];
}
