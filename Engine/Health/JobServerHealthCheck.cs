using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Engine.Health;

/// <summary>Healthy when this process's Hangfire server has sent a heartbeat recently.</summary>
public sealed class JobServerHealthCheck(JobStorage storage, IOptions<JobsOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.ServerEnabled)
        {
            return Task.FromResult(HealthCheckResult.Degraded("The job server is disabled (Jobs:ServerEnabled=false)."));
        }

        var servers = storage.GetMonitoringApi().Servers();
        var alive = Alive(servers, time.GetUtcNow());
        var data = new Dictionary<string, object> { ["servers"] = alive, ["workers"] = servers.Sum(s => s.WorkersCount) };
        return Task.FromResult(alive > 0
            ? HealthCheckResult.Healthy($"{alive} job server(s) alive.", data)
            : HealthCheckResult.Unhealthy("No job server has sent a heartbeat in the last minute.", data: data));
    }

    /// <summary>The servers with a heartbeat in the last minute (also read by the operations job-server rule).</summary>
    internal static int Alive(IEnumerable<Hangfire.Storage.Monitoring.ServerDto> servers, DateTimeOffset now) =>
        servers.Count(s => s.Heartbeat is { } beat && now.UtcDateTime - beat < HeartbeatTolerance);
}
