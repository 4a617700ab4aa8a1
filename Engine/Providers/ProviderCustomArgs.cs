namespace NotificationOps.Engine.Providers;

/// <summary>
/// The name of the custom argument / metadata / user variable we attach to every message so that a provider's
/// status webhook names our message id back, whatever id the provider gave it.
/// </summary>
public static class ProviderCustomArgs
{
    public const string MessageId = "notificationops_id";
}
