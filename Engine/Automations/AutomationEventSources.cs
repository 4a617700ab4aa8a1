namespace NotificationOps.Engine.Automations;

/// <summary>The history source of messages an automation's send step created.</summary>
public static class AutomationEventSources
{
    public const string Automation = "automation";
}
