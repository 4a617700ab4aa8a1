namespace NotificationOps.Engine.Incidents;

/// <summary>
/// An outbound webhook endpoint that failed every attempt for 5 days has been disabled: its receiver hears nothing
/// more until someone acts, so the alert recipients are told through an incident on Webhooks (one per endpoint). It
/// is read from the endpoint's row, not from the moment of disabling, so a crash right after the commit still
/// alerts; the incident goes to monitoring and resolves once the endpoint is re-enabled or deleted. Only the id is
/// named: incidents are shown on the public status page, and an endpoint's URL is the customer's business.
/// </summary>
public sealed class WebhookEndpointDisabledRule : IHealthRule
{
    public IEnumerable<RuleFinding> Evaluate(HealthSnapshot snapshot, OperationsOptions options) =>
        snapshot.DisabledWebhookEndpoints.Select(id => new RuleFinding(
            $"webhooks:endpoint:{id}",
            "Outbound webhook endpoint disabled",
            ComponentStatus.Degraded,
            [StatusComponents.Webhooks],
            $"Outbound webhook endpoint {id} failed every attempt for 5 days and was disabled: its events are no longer sent. Fix the receiver, then re-enable the endpoint in Settings → Webhooks (and replay what it missed)."));
}
