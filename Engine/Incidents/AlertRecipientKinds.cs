namespace NotificationOps.Engine.Incidents;

public static class AlertRecipientKinds
{
    public const string Email = "email";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static IReadOnlyList<string> All { get; } = [Email, Slack, Teams];
}
