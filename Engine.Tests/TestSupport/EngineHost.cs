using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// The engine's services over a migrated temp database, with a fake clock and no job server: a test runs the
/// jobs itself, one step at a time, and sees exactly what each step wrote.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly TestDatabase database;

    private EngineHost(IHost host, TestDatabase database, FakeTimeProvider time)
    {
        this.host = host;
        this.database = database;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => host.Services;

    /// <summary>On <paramref name="provider"/>, or on the provider this test run targets.</summary>
    public static async Task<EngineHost> CreateAsync(
        IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, DatabaseProvider? provider = null)
    {
        var database = provider is { } chosen ? await TestDatabase.CreateAsync(chosen) : await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Notifications"] = database.ConnectionString,
            ["Database:Provider"] = database.ProviderSetting,
            // No job server here: the test runs the jobs itself, and enqueued ones only need somewhere to go.
            ["Jobs:Storage"] = "memory",
            ["Jobs:ServerEnabled"] = "false",
            // A loaded test machine may take seconds over a first loopback call (FCM also signs a JWT and fetches a token);
            // tests of the attempt bound set their own short one.
            ["Delivery:AttemptTimeoutSeconds"] = "30",
            // The product's 5 s intake bound is for a stuck database; a test machine whose cores are shared (the PostgreSQL
            // pass runs its own server) may be that slow without anything being stuck. Tests of the bound set their own.
            ["Delivery:IntakeTimeoutSeconds"] = "60",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddNotificationEngine();
        configureServices?.Invoke(builder.Services);
        return new EngineHost(builder.Build(), database, time);
    }

    public NotificationsDbContext CreateContext() => database.CreateContext();

    /// <summary>Accepts a send body as POST /api/send would and returns the message ids.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(string json)
    {
        var request = SendRequestParser.Parse(JsonNode.Parse(json));
        var accepted = await Services.GetRequiredService<SendService>().AcceptAsync(request);
        return accepted.MessageIds;
    }

    public Task RunSendJobAsync(string messageId) =>
        Services.GetRequiredService<SendJob>().RunAsync(messageId, CancellationToken.None);

    public async Task<Message> MessageAsync(string id)
    {
        await using var db = CreateContext();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<IReadOnlyList<MessageEvent>> HistoryAsync(string id)
    {
        await using var db = CreateContext();
        return await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == id).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(string id)
    {
        await using var db = CreateContext();
        return await db.DeliveryAttempts.AsNoTracking().Where(a => a.MessageId == id).OrderBy(a => a.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }

        await database.DisposeAsync();
    }
}
