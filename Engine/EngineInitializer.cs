using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine;

/// <summary>
/// Runs before the job server and the web server start: migrates the database, then creates the bootstrap
/// admin and API key, and loads the integrations stored in Settings → Providers. Registered first so nothing touches the store before its schema is current.
/// </summary>
public sealed class EngineInitializer(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<BootstrapInitializer>().InitializeAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ProviderIntegrationService>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
