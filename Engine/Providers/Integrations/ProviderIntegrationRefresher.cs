using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Engine.Providers.Integrations;

/// <summary>
/// On a database shared by several instances, an integration added, changed or removed in Settings → Providers on
/// one instance cannot call into the others' registries: each instance reads the stored integrations again every
/// <see cref="Interval"/>, so the change reaches them within seconds, with no restart. On SQLite (one process) the
/// change is applied at once where it is made, and this does nothing.
/// </summary>
public sealed partial class ProviderIntegrationRefresher(
    ProviderIntegrationService integrations, ISqlDialect dialect, TimeProvider time, ILogger<ProviderIntegrationRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!dialect.SharedByInstances)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await integrations.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unreachable: the registry keeps what it has, and the next tick tries again.
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the stored provider integrations again failed; keeping the current ones")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
