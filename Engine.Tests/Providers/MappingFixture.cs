namespace NotificationOps.Engine.Tests.Providers;

/// <summary>One documented payload and the provider word it must be read as, then what we must show for it.</summary>
public sealed record MappingFixture(string Body, string ProviderStatus, string WeShow)
{
    public override string ToString() => $"{ProviderStatus} → {WeShow}";
}
