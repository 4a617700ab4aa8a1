namespace NotificationOps.Engine.Providers;

/// <summary>One configured integration (a row of Providers:&lt;id&gt;) that can send on one channel.</summary>
public interface IDeliveryProvider
{
    /// <summary>The configuration id, e.g. "smtp" or "simulated-email"; shown wherever a provider is shown.</summary>
    string Id { get; }

    /// <summary>The implementation: smtp, simulated, sendgrid, ...</summary>
    string Type { get; }

    string Channel { get; }

    /// <summary>Lower is tried first within the channel.</summary>
    int Priority { get; }

    /// <summary>
    /// Calls the provider once. Never throws for provider failures: every outcome, including timeouts and
    /// refused connections, comes back as a <see cref="ProviderResult"/> with its error class.
    /// </summary>
    Task<ProviderResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
