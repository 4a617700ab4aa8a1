using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Health;

/// <summary>
/// The database is healthy when it takes a write (<see cref="StoreProbe"/>) within a couple of seconds: a database
/// that answers reads while every write fails (write-locked, disk full, read-only) is not. Each probe is fresh, so
/// the status recovers by itself once the store does.
/// </summary>
public sealed class DatabaseWriteHealthCheck(IDbContextFactory<NotificationsDbContext> dbFactory) : IHealthCheck
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await StoreProbe.WriteAsync(db, Wait, cancellationToken);
            return HealthCheckResult.Healthy("The database takes writes.");
        }
        catch (Exception ex) when (StorageFaults.IsStorageFault(ex))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The database does not take writes: {ex.Message}", ex);
        }
    }
}
