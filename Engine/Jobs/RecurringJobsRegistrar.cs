using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Retention;
using NotificationOps.Engine.Tracking;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Jobs;

/// <summary>Registers the recurring jobs and runs the recovery sweep once at start-up.</summary>
public sealed class RecurringJobsRegistrar(
    IRecurringJobManager recurring, IBackgroundJobClient jobs, IOptions<TrackingOptions> tracking, IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<RecoverySweepJob>(
            RecoverySweepJob.JobId,
            JobQueues.Default,
            job => job.RunAsync(false, CancellationToken.None),
            options.Value.RecoverySweepCron);
        recurring.AddOrUpdate<TrackingAggregationJob>(
            TrackingAggregationJob.JobId,
            JobQueues.Tracking,
            job => job.RunAsync(CancellationToken.None),
            tracking.Value.AggregationCron);
        // Hourly: each run deletes what expired since the last one, in small batches (Retention:MessageDays; 0 = keep).
        recurring.AddOrUpdate<MessageRetentionJob>(
            MessageRetentionJob.JobId,
            JobQueues.Default,
            job => job.RunAsync(CancellationToken.None),
            Cron.Hourly());
        recurring.AddOrUpdate<WebhookRetentionJob>(
            WebhookRetentionJob.JobId,
            JobQueues.Default,
            job => job.RunAsync(CancellationToken.None),
            Cron.Hourly());

        // A crash may have left work behind; pick it up now rather than at the first tick.
        jobs.Enqueue<RecoverySweepJob>(JobQueues.Default, job => job.RunAsync(true, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
