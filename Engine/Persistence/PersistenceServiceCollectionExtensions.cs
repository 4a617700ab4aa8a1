using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NotificationOps.Engine.Persistence;

/// <summary>The store on the configured database (<c>Database:Provider</c>): the one place that tells SQLite from PostgreSQL.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the context factory, the write transactions and the provider's own services; answers the provider.</summary>
    public static DatabaseProvider AddNotificationPersistence(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var provider = DatabaseOptions.Read(builder.Configuration);
        var configured = builder.Configuration.GetConnectionString(PersistenceOptions.ConnectionStringName);
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = PostgreSqlConnectionStrings.Normalise(configured);
            // Pooled: creating a DbContext costs more than the short queries the pipeline runs with it.
            services.AddPooledDbContextFactory<NotificationsDbContext>(options => options.UseNpgsql(connectionString));
            services.AddSingleton<IWriteTransactions, PostgreSqlWriteTransactions>();
        }
        else
        {
            var connectionString = SqliteConnectionStrings.Normalise(configured, builder.Environment.ContentRootPath);
            services.AddPooledDbContextFactory<NotificationsDbContext>(options => options
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmaInterceptor()));
            // SQLite only: one writer at a time per file (the in-process write gate) and its write-ahead log.
            services.AddSingleton<IWriteTransactions, SqliteWriteTransactions>();
            services.AddHostedService<WalCheckpointer>();
        }

        services.AddSingleton(SqlDialects.For(provider));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<NotificationsDbContext>>().CreateDbContext());
        services.AddScoped<DatabaseInitializer>();
        return provider;
    }
}
