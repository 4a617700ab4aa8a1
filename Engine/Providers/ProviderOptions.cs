namespace NotificationOps.Engine.Providers;

/// <summary>The keys every Providers:&lt;id&gt; section has; each type binds its own keys besides these.</summary>
public class ProviderOptions
{
    public const string SectionName = "Providers";

    /// <summary>simulated, smtp, ...</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>email, sms, push, chat, inbox.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>Lower is tried first within the channel.</summary>
    public int Priority { get; set; } = 100;

    public bool Enabled { get; set; } = true;
}
