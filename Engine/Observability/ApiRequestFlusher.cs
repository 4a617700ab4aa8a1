using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Observability;

/// <summary>
/// Runs on every instance (web-only ones too): every 10 seconds it stores this instance's completed request
/// buckets, and at shutdown the running one. A failed write keeps the buckets for the next tick.
/// </summary>
public sealed class ApiRequestFlusher(ApiRequestWindow window, ApiRequestLog log, TimeProvider time, ILogger<ApiRequestFlusher> logger) : BackgroundService
{
    public async Task FlushAsync(bool includeCurrent, CancellationToken cancellationToken)
    {
        var buckets = window.Unflushed(includeCurrent);
        if (buckets.Count == 0)
        {
            return;
        }

        try
        {
            await log.WriteAsync(window.Instance, buckets, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Only the unique index can refuse these rows: an earlier write stored them and its answer was lost.
            logger.LogWarning(ex, "API request counts of {Instance} were already stored", window.Instance);
        }

        window.MarkFlushed(buckets[^1].Start);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(includeCurrent: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The last API request counts of {Instance} were not stored at shutdown", window.Instance);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(ApiRequestWindow.BucketSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(includeCurrent: false, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "API request counts of {Instance} not stored; retrying in {Seconds} s", window.Instance, ApiRequestWindow.BucketSeconds);
            }
        }
    }
}
