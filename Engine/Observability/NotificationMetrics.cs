using System.Diagnostics.Metrics;

namespace NotificationOps.Engine.Observability;

/// <summary>
/// The engine's instruments (docs/operations.md lists names and labels). Counters and histograms are fed by small
/// calls from the send path; the gauges read <see cref="OperationsGauges"/>, which the evaluation job refreshes from
/// the database and Hangfire, so a scrape never runs a query.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "NotificationOps";

    private readonly Meter meter;
    private readonly Counter<long> accepted;
    private readonly Counter<long> statusChanges;
    private readonly Counter<long> attempts;
    private readonly Histogram<double> sendLatency;
    private readonly Counter<long> trackingHits;
    private readonly Histogram<double> deliveryLatency;
    private readonly Histogram<double> webhookIntakeLag;
    private readonly Histogram<double> stepLateness;
    private readonly Histogram<double> webhookFirstAttemptLag;
    private readonly Histogram<double> webhookSendsFirstWait;

    public NotificationMetrics(IMeterFactory meters, OperationsGauges gauges)
    {
        meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("nops.sends.accepted", "{message}", "Messages accepted by the send intake.");
        statusChanges = meter.CreateCounter<long>("nops.messages.status_changes", "{change}", "Status transitions written, by the status reached.");
        attempts = meter.CreateCounter<long>("nops.provider.attempts", "{attempt}", "Provider calls by provider, channel and outcome.");
        sendLatency = meter.CreateHistogram<double>("nops.send.latency", "s", "Time from acceptance to the provider's acceptance (SENT).");
        trackingHits = meter.CreateCounter<long>("nops.tracking.hits", "{hit}", "Open and click hits recorded, by kind and machine flag.");
        deliveryLatency = meter.CreateHistogram<double>("nops.delivery.latency", "s", "Time from SENT to DELIVERED, by channel and provider.");
        webhookIntakeLag = meter.CreateHistogram<double>("nops.webhooks.intake_lag", "s", "Time from a provider's status event to its storage here, by provider type.");
        stepLateness = meter.CreateHistogram<double>("nops.automation.step_lateness", "s", "Time from an automation step's due time to its start, by action.");
        webhookFirstAttemptLag = meter.CreateHistogram<double>("nops.webhooks.first_attempt_lag", "s", "Time from a change to the first attempt of its outbound webhook, by endpoint.");
        webhookSendsFirstWait = meter.CreateHistogram<double>("nops.webhooks.sends_first_wait", "s", "How long an outbound webhook batch waited for sends on busy processors.");
        meter.CreateObservableGauge("nops.retry.backlog", () => gauges.Current.RetryBacklog, "{message}", "Messages waiting for a retry.");
        meter.CreateObservableGauge("nops.delivery.oldest_due_age", () => gauges.Current.OldestDueSeconds, "s", "Age of the oldest message whose attempt is due and not running.");
        meter.CreateObservableGauge("nops.jobs.enqueued", () => gauges.Current.QueueLengths.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))), "{job}", "Hangfire jobs waiting, by queue.");
        meter.CreateObservableGauge("nops.jobs.failed", () => gauges.Current.FailedJobs, "{job}", "Hangfire jobs in the failed state.");
        meter.CreateObservableGauge("nops.jobs.servers", () => gauges.Current.JobServers, "{server}", "Job servers with a heartbeat in the last minute.");
        meter.CreateObservableGauge("nops.tracking.aggregation_lag", () => gauges.Current.TrackingLagSeconds, "s", "Age of the oldest tracking hit not yet rolled into analytics.");
    }

    public void SendAccepted(int messages) => accepted.Add(messages);

    public void StatusChanged(string status) => statusChanges.Add(1, new KeyValuePair<string, object?>("status", status));

    public void Attempt(string provider, string channel, string outcome) => attempts.Add(
        1,
        new KeyValuePair<string, object?>("provider", provider),
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("outcome", outcome));

    public void Sent(string channel, TimeSpan sinceAccepted) =>
        sendLatency.Record(Math.Max(0, sinceAccepted.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));

    /// <summary>A message reached DELIVERED <paramref name="sinceSent"/> after it was SENT.</summary>
    public void Delivered(string channel, string provider, TimeSpan sinceSent) => deliveryLatency.Record(
        Math.Max(0, sinceSent.TotalSeconds),
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("provider", provider));

    /// <summary>A provider status event stored <paramref name="lag"/> after the time the provider gave it.</summary>
    public void WebhookReceived(string providerType, TimeSpan lag) =>
        webhookIntakeLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("provider", providerType));

    /// <summary>An automation step with a due time (a delay's end, a retry) was taken up <paramref name="lateness"/> after it.</summary>
    public void StepStarted(string action, TimeSpan lateness) =>
        stepLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("action", action));

    /// <summary>An outbound webhook event had its first attempt <paramref name="lag"/> after its change.</summary>
    public void WebhookFirstAttempt(string endpointId, TimeSpan lag) =>
        webhookFirstAttemptLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("endpoint", endpointId));

    /// <summary>A batch of outbound webhook deliveries waited <paramref name="waited"/> for sends (<c>WebhookSendsFirst</c>).</summary>
    public void WebhookWaitedForSends(TimeSpan waited) => webhookSendsFirstWait.Record(waited.TotalSeconds);

    public void TrackingHit(string kind, bool machine) => trackingHits.Add(
        1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("machine", machine));

    public void Dispose() => meter.Dispose();
}
