namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>The answer to a change in Settings → Providers: done, or why not (naming the setting to fix).</summary>
public sealed record IntegrationResult(bool Ok, string? Error = null)
{
    public static readonly IntegrationResult Done = new(true);

    public static IntegrationResult Refused(string error) => new(false, error);
}
