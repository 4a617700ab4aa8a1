namespace NotificationOps.Engine.Providers.Http;

/// <summary>Getting a credential for the call failed (e.g. FCM's token exchange); carries the attempt's result.</summary>
public sealed class ProviderAuthenticationException(ProviderResult result) : Exception(result.Error)
{
    public ProviderResult Result { get; } = result;
}
