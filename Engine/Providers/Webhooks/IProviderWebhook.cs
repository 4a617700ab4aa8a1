using Microsoft.Extensions.Configuration;

namespace NotificationOps.Engine.Providers.Webhooks;

/// <summary>One provider's status webhook: how its calls are authenticated and what they say.</summary>
public interface IProviderWebhook
{
    /// <summary>The provider type in /webhooks/{provider}/{integrationId}.</summary>
    string ProviderType { get; }

    StatusMappingTable Mapping { get; }

    /// <summary>Checks the signature (or credentials) against the integration's settings; throws FormatException on a malformed body.</summary>
    Task<WebhookVerdict> VerifyAsync(WebhookRequest request, IConfiguration settings, WebhookContext context, CancellationToken cancellationToken);

    /// <summary>The status reports in a verified call; throws FormatException on a malformed body.</summary>
    IReadOnlyList<ProviderStatusEvent> Parse(WebhookRequest request);
}
