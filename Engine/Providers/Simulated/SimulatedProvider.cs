namespace NotificationOps.Engine.Providers.Simulated;

/// <summary>
/// A provider that sends nothing anywhere: for trying NotificationOps without credentials. It accepts (or fails,
/// at the configured rates) and its receipt arrives after a delay. Shown as simulated wherever providers are shown.
/// </summary>
public sealed class SimulatedProvider(string id, ProviderOptions common, SimulatedOptions options) : IDeliveryProvider
{
    public const string TypeName = "simulated";

    public string Id { get; } = id;

    public string Type => TypeName;

    public string Channel { get; } = common.Channel;

    public int Priority { get; } = common.Priority;

    public SimulatedOptions Options { get; } = options;

    public Task<ProviderResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var summary = $"SIMULATED {Channel} to {message.To}: {message.Title ?? Truncate(message.Text)}";
        var roll = Random.Shared.NextDouble();
        if (roll < Options.TransientFailureRate)
        {
            return Task.FromResult(new ProviderResult(ProviderOutcome.TransientFailure)
            {
                ErrorClass = ErrorClasses.Transient,
                Error = "Simulated transient failure (503).",
                ResponseStatus = 503,
                ResponseBody = "{\"simulated\":true,\"error\":\"service unavailable\"}",
                RequestSummary = summary,
            });
        }

        if (roll < Options.TransientFailureRate + Options.PermanentFailureRate)
        {
            return Task.FromResult(new ProviderResult(ProviderOutcome.PermanentFailure)
            {
                ErrorClass = ErrorClasses.Permanent,
                Error = "Simulated permanent failure (recipient rejected).",
                ResponseStatus = 400,
                ResponseBody = "{\"simulated\":true,\"error\":\"recipient rejected\"}",
                RequestSummary = summary,
            });
        }

        var providerMessageId = $"sim-{message.MessageId}-{message.AttemptNumber}";
        return Task.FromResult(new ProviderResult(Channels.HasNoReceipt(Channel) ? ProviderOutcome.Delivered : ProviderOutcome.Accepted)
        {
            ProviderMessageId = providerMessageId,
            ResponseStatus = 202,
            ResponseBody = $"{{\"simulated\":true,\"id\":\"{providerMessageId}\"}}",
            RequestSummary = summary,
        });
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
