namespace NotificationOps.Engine.Security;

/// <summary>
/// Non-interactive first start: when set, the first admin and an API key are created at start-up if they do
/// not exist yet (environment variables <c>Bootstrap__AdminEmail</c>, <c>Bootstrap__AdminPassword</c>, <c>Bootstrap__ApiKey</c>).
/// </summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string? ApiKey { get; set; }
}
