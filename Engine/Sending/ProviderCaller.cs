using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Providers;

namespace NotificationOps.Engine.Sending;

/// <summary>Calls the providers of a round, a bounded number at a time, each within the attempt timeout.</summary>
public sealed class ProviderCaller(IOptions<DeliveryOptions> options, ILogger<ProviderCaller> logger)
{
    /// <summary>The most provider calls one round has going at once.</summary>
    public const int MaxConcurrentCalls = 32;

    /// <summary>
    /// Sets each item's <see cref="SendWork.Result"/>, and hands the item to <paramref name="finished"/> as soon as
    /// its call is over (not for a call cut off by <paramref name="cancellationToken"/>). A provider that throws or
    /// hangs counts as transient.
    /// </summary>
    internal async Task CallAllAsync(IReadOnlyList<SendWork> work, Action<SendWork> finished, CancellationToken cancellationToken)
    {
        using var calls = new SemaphoreSlim(MaxConcurrentCalls);
        await Task.WhenAll(work.Select(async item =>
        {
            await calls.WaitAsync(cancellationToken);
            try
            {
                item.Result = await CallAsync(item, cancellationToken);
            }
            finally
            {
                calls.Release();
            }

            finished(item);
        }));
    }

    private async Task<ProviderResult> CallAsync(SendWork item, CancellationToken cancellationToken)
    {
        var target = item.Target!;
        var seconds = options.Value.AttemptTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            return await target.Provider.SendAsync(Outgoing(item.Message, target), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderResult.Transient(ErrorClasses.Timeout, $"No answer within {seconds} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A provider is not supposed to throw; if one does, the outcome is unknown, so retrying is the safe side.
            logger.LogError(ex, "Provider {Provider} threw while sending {MessageId}", target.Provider.Id, item.Id);
            return ProviderResult.Transient(ErrorClasses.Unknown, ex.Message);
        }
    }

    private static OutgoingMessage Outgoing(Messages.Message message, DeliveryTarget target) => new()
    {
        MessageId = message.Id,
        AttemptNumber = message.AttemptCount,
        Channel = target.Channel,
        To = target.Address,
        Title = target.Rendered.Title,
        Text = target.Rendered.Text,
        Html = target.Rendered.Html,
        ActionUrl = target.Rendered.ActionUrl,
        Data = target.Rendered.Data,
        EmailMessageId = message.EmailMessageId,
        Headers = target.Headers,
    };
}
