using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Observability;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Incidents;

/// <summary>
/// The recurring evaluation (every <c>Operations:EvaluationSeconds</c>): reads the snapshot, publishes the gauges,
/// runs the rules, moves incidents, sends the alerts and stores the minute's metric samples.
/// </summary>
public sealed class IncidentEvaluationJob(
    HealthSnapshotReader reader,
    OperationsGauges gauges,
    IEnumerable<IHealthRule> rules,
    IncidentTracker tracker,
    IncidentAlerts alerts,
    MetricSampler sampler,
    IDbContextFactory<NotificationsDbContext> dbFactory,
    IOptionsMonitor<OperationsOptions> options)
{
    public const string JobId = "operations-evaluation";

    // One evaluation at a time across instances: two overlapping runs could both open the same incident.
    [DisableConcurrentExecution(timeoutInSeconds: 30)]
    [AutomaticRetry(Attempts = 0)] // the next tick is seconds away; a retried stale tick would only repeat it
    public async Task<IReadOnlyList<IncidentChange>> RunAsync(CancellationToken cancellationToken)
    {
        var (snapshot, readings) = await reader.ReadAsync(cancellationToken);
        gauges.Publish(readings);
        var settings = options.CurrentValue;
        var findings = rules.SelectMany(rule => rule.Evaluate(snapshot, settings)).ToList();
        IReadOnlyList<IncidentChange> changes;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            changes = await tracker.ApplyAsync(db, findings, snapshot.At, cancellationToken);
        }

        await alerts.SendAsync(changes, cancellationToken);
        await sampler.RecordAsync(snapshot, cancellationToken);
        return changes;
    }
}
