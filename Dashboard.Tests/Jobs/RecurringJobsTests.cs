using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Jobs;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Dashboard.Tests.Jobs;

public sealed class RecurringJobsTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task RecoverySweep_IsRegisteredEveryFewSeconds_AndRunsAtStartup()
    {
        _ = factory.Server; // start the host
        var storage = factory.Services.GetRequiredService<JobStorage>();

        using (var connection = storage.GetConnection())
        {
            var recurring = connection.GetRecurringJobs();
            var sweep = Assert.Single(recurring, j => j.Id == RecoverySweepJob.JobId);
            Assert.Equal("*/5 * * * * *", sweep.Cron); // Jobs:RecoverySweepSeconds, default 5
        }

        // The start-up run goes through the real Hangfire server and leaves its record in our store.
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<NotificationsDbContext>>();
        var run = await Eventually.ReturnsAsync(
            async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                return await db.JobRuns.FirstOrDefaultAsync(r => r.JobName == RecoverySweepJob.JobId && r.FinishedAt != null);
            },
            found => found is not null, "the start-up recovery sweep's run to be recorded", TimeSpan.FromSeconds(30));

        Assert.NotNull(run);
        Assert.Null(run.Error);
    }

    [Fact]
    public void Retention_IsRegisteredHourly()
    {
        _ = factory.Server; // start the host
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var retention = Assert.Single(connection.GetRecurringJobs(), j => j.Id == NotificationOps.Engine.Retention.MessageRetentionJob.JobId);
        Assert.Equal("0 * * * *", retention.Cron);
    }
}
