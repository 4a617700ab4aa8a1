using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The fast path from outbox to delivery job: wakes when the outbox was written to (a moment later, so the writing
/// transaction has committed) and at least every second, and dispatches what is due. Losing it loses nothing:
/// the recovery sweep dispatches the same rows.
/// </summary>
public sealed class WebhookDispatchLoop(WebhookDispatcher dispatcher, WebhookSubscriptions subscriptions, ILogger<WebhookDispatchLoop> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CommitGrace = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.WaitForKickAsync(Poll, stoppingToken))
                {
                    await Task.Delay(CommitGrace, stoppingToken);
                }

                if ((await subscriptions.GetAsync(stoppingToken)).Count > 0)
                {
                    await dispatcher.DispatchDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook dispatch failed; the recovery sweep will pick the deliveries up");
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
