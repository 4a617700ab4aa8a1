using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// The fast path from outbox to delivery job: when the outbox was written to, it asks those endpoints' jobs to run
/// (a moment later, so the writing transaction has committed); at least every second it also looks in the store for
/// any endpoint with due deliveries (retries coming due). Losing it loses nothing: the recovery sweep does the same.
/// </summary>
public sealed class WebhookDispatchLoop(WebhookDispatcher dispatcher, WebhookSubscriptions subscriptions, ILogger<WebhookDispatchLoop> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CommitGrace = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPoll = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.WaitForKickAsync(Poll, stoppingToken))
                {
                    await Task.Delay(CommitGrace, stoppingToken);
                    dispatcher.DispatchKicked();
                }

                if ((dispatcher.TakePollRequest() || DateTimeOffset.UtcNow - lastPoll >= Poll) && (await subscriptions.GetAsync(stoppingToken)).Count > 0)
                {
                    lastPoll = DateTimeOffset.UtcNow;
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
