using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Providers.Integrations;
using NotificationOps.Engine.Security;

namespace NotificationOps.Engine;

/// <summary>
/// Runs before the job server and the web server start: migrates the database, installs the job storage's schema,
/// creates the bootstrap admin and API key and the first data-protection key, then loads the integrations stored in
/// Settings → Providers. Registered first so nothing touches the store before its schema is current. The once-per-
/// database part runs under <see cref="StartupLock"/>, so instances that start together on one PostgreSQL database
/// do it one after the other and the later ones find it done.
/// </summary>
public sealed class EngineInitializer(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<NotificationsDbContext>();
        await using (await StartupLock.AcquireAsync(db, cancellationToken))
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            if (services.GetRequiredService<JobStorageChoice>().Kind == JobStorageKind.PostgreSql)
            {
                PostgreSqlJobStorage.InstallSchema(db.Database.GetConnectionString()!);
            }

            await services.GetRequiredService<BootstrapInitializer>().InitializeAsync(cancellationToken);
            // The key ring's first key, made here so that instances starting together do not each make one: a cookie
            // protected by one instance then unprotects on every other (the ring is in the shared database).
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(EngineInitializer)).Protect([1]);
        }

        await services.GetRequiredService<ProviderIntegrationService>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
