using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Operations;

/// <summary>
/// Which failed messages a retry would fail again for the same reason, judged from today's configuration: a recipient
/// with no address for any channel (NO_CHANNELS) stays so, and NO_PROVIDERS stays so while no enabled provider serves
/// the message's channel. Provider errors and bounces are not forecast: a retry is exactly how one finds out.
/// </summary>
public sealed class RetryForecast(ProviderRegistry registry)
{
    /// <summary>The reason the retry would fail again, or null when it may succeed.</summary>
    public MessageReason? WillFailAgain(MessageReason? reason, string? channel) => reason switch
    {
        MessageReason.NoChannels => MessageReason.NoChannels,
        MessageReason.NoProviders when !HasProvider(channel) => MessageReason.NoProviders,
        _ => null,
    };

    private bool HasProvider(string? channel) => channel is null
        ? registry.All.Count > 0
        : registry.ForChannel(channel).Count > 0;
}
