using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Jobs;

/// <summary>Hangfire in this process. The storage is chosen here and nowhere else.</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddNotificationJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider database)
    {
        var storage = JobStorageSelection.Read(configuration, database);
        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Delayed sends and automation delays run at their due time, not at Hangfire's next schedule poll.
        services.AddSingleton<DueJobPromoter>();
        services.AddHostedService(provider => provider.GetRequiredService<DueJobPromoter>());

        // The instance is registered per host (not only through the static JobStorage.Current) so two hosts in one
        // process, as in tests, never share a queue. With memory nothing is lost either: every pending send is a row
        // in our database and RecoverySweepJob re-enqueues it. PostgreSQL's is shared by every instance on the database.
        if (storage == JobStorageKind.PostgreSql)
        {
            services.TryAddSingleton<JobStorage>(provider =>
            {
                using var db = provider.GetRequiredService<IDbContextFactory<NotificationsDbContext>>().CreateDbContext();
                return PostgreSqlJobStorage.Create(db.Database.GetConnectionString()!);
            });
        }
        else if (storage == JobStorageKind.Sqlite)
        {
            // The owner of the job file (its lock, its connections) is disposed with the host; the file lock goes with it.
            services.TryAddSingleton(provider =>
            {
                using var db = provider.GetRequiredService<IDbContextFactory<NotificationsDbContext>>().CreateDbContext();
                return SqliteJobStorage.Open(SqliteJobStorage.PathBeside(db.Database.GetConnectionString()!));
            });
            services.TryAddSingleton<JobStorage>(provider => provider.GetRequiredService<SqliteJobStorage>().Storage);
        }
        else
        {
            services.TryAddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions
            {
                MaxExpirationTime = TimeSpan.FromHours(6),
            }));
        }

        services.AddSingleton(new JobStorageChoice(storage));

        // The retry filter reads this host's clock, so it is this host's, not one of Hangfire's process-wide
        // GlobalJobFilters: Hangfire's server and clients take their filters from this provider (registered
        // before AddHangfire, whose own registration is a TryAdd), the global and attribute filters included.
        services.AddSingleton<SendRetryFilter>();
        services.AddSingleton<IJobFilterProvider>(provider => new JobFilterProviderCollection(
            JobFilterProviders.Providers,
            new JobFilterCollection { provider.GetRequiredService<SendRetryFilter>() }));

        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));

        services.AddTransient<RecoverySweepJob>();
        services.AddHostedService<RecurringJobsRegistrar>();

        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.ServerEnabled)
        {
            services.AddHangfireServer((provider, options) =>
            {
                options.Queues = JobQueues.All;
                options.WorkerCount = provider.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                // Hangfire's default activator is process-wide (the last host configured wins); each server
                // builds its jobs from its own host's services, so two hosts in one process never mix.
                options.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                // Delays and retries are due to the second (a simulated receipt after 1 s, a Retry-After of 2 s);
                // Hangfire's default 15 s polling would stretch every one of them.
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }

        return services;
    }
}
