namespace NotificationOps.Engine.Incidents;

/// <summary>The public status page (section <c>StatusPage</c>).</summary>
public sealed class StatusPageOptions
{
    public const string SectionName = "StatusPage";

    /// <summary>Serves <c>/status/public</c> without login: components, incidents and history, no message data. Off by default.</summary>
    public bool Public { get; set; }
}
