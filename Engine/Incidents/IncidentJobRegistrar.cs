using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Incidents;

/// <summary>Registers the evaluation as a recurring job: with two instances, one of them runs each tick.</summary>
public sealed class IncidentJobRegistrar(IRecurringJobManager recurring, IOptions<OperationsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<IncidentEvaluationJob>(
            IncidentEvaluationJob.JobId,
            JobQueues.Default,
            job => job.RunAsync(CancellationToken.None),
            options.Value.EvaluationCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
