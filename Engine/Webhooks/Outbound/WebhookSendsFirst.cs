using System.Diagnostics;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Webhooks.Outbound;

/// <summary>
/// Sends first: while this process is sending and the processors are busy, the delivery job waits before its next
/// batch, until the sends are done or the batch's oldest change is
/// <see cref="WebhookOptions.YieldToSendsMs"/> old; then it delivers whatever the load. A webhook reports on a
/// notification; on a machine whose processors are the limit, each delivery's CPU is taken from the sends
/// themselves (docs/webhooks.md, "Sends first"). Where the processors are mostly idle, or nothing is being sent, it
/// never waits: a trickle of sends, or sends waiting on a slow provider, leave webhooks as prompt as ever.
/// </summary>
public sealed class WebhookSendsFirst(
    SendActivity sends, CpuPressure cpu, IOptions<WebhookOptions> options, TimeProvider time, NotificationMetrics? metrics = null)
{
    /// <summary>
    /// The busy share of the processors from which deliveries give way. Lower than "saturated" on purpose: on a few
    /// cores the send pipeline's critical path (the thread holding the write transaction) loses time to any other
    /// runnable thread well before the processors are full (measured in docs/webhooks.md).
    /// </summary>
    public const double Busy = 0.5;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    /// <summary>Waits, if sends come first, before delivering changes the oldest of which happened at <paramref name="oldestChange"/>; answers how long.</summary>
    public async Task<TimeSpan> WaitForTurnAsync(DateTimeOffset oldestChange, CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromMilliseconds(options.Value.YieldToSendsMs);
        var left = budget - (time.GetUtcNow() - oldestChange);
        if (left <= TimeSpan.Zero || !sends.Busy || cpu.Busy < Busy)
        {
            return TimeSpan.Zero;
        }

        // Once it gives way, until the sends are done (not until the processors dip for a moment: between two send
        // batches they do, and a batch of deliveries started then takes the next send batch's time). Real time, at
        // most the budget: a clock that stands still, or a change stamped ahead of it, cannot hold deliveries longer.
        left = left < budget ? left : budget;
        var waited = Stopwatch.StartNew();
        do
        {
            await Task.Delay(Step, cancellationToken);
        }
        while (waited.Elapsed < left && sends.Busy);

        metrics?.WebhookWaitedForSends(waited.Elapsed);
        return waited.Elapsed;
    }
}
