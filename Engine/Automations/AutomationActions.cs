namespace NotificationOps.Engine.Automations;

/// <summary>Courier's step actions.</summary>
public static class AutomationActions
{
    public const string Delay = "delay";
    public const string Send = "send";
    public const string SendList = "send-list";
    public const string UpdateProfile = "update-profile";
    public const string Cancel = "cancel";
    public const string FetchData = "fetch-data";
    public const string Invoke = "invoke";

    public static readonly string[] All = [Delay, Send, SendList, UpdateProfile, Cancel, FetchData, Invoke];
}
