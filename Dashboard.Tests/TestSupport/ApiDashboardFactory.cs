using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Persistence;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>
/// The app with simulated email and SMS providers but no job server: an accepted message stays exactly as intake
/// stored it (ENQUEUED or DELAYED), so API tests can assert on the store without racing a send job.
/// </summary>
public class ApiDashboardFactory : DashboardFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:ServerEnabled", "false");
        builder.UseSetting("Providers:sim-email:Type", "simulated");
        builder.UseSetting("Providers:sim-email:Channel", "email");
        builder.UseSetting("Providers:sim-email:DeliveryDelayMs", "0");
        builder.UseSetting("Providers:sim-sms:Type", "simulated");
        builder.UseSetting("Providers:sim-sms:Channel", "sms");
        builder.UseSetting("Providers:sim-sms:DeliveryDelayMs", "0");
    }

    /// <summary>A client that sends <c>Authorization: Bearer</c> with the given key (the bootstrap key by default).</summary>
    public HttpClient CreateApiClient(string apiKey = ApiKey)
    {
        var client = CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<NotificationsDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await query(db);
    }

    public Task<StoredRows> CountRowsAsync() => QueryAsync(async db => new StoredRows(
        await db.Messages.CountAsync(),
        await db.MessageEvents.CountAsync(),
        await db.MessageTags.CountAsync(),
        await db.DeliveryAttempts.CountAsync(),
        await db.Profiles.CountAsync()));
}
