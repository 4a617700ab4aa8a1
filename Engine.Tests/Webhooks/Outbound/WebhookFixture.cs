using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Engine.Tests.Webhooks.Outbound;

/// <summary>An engine with a simulated provider and one endpoint pointing at a loopback receiver (tests only).</summary>
internal sealed class WebhookFixture : IAsyncDisposable
{
    public const string EmailSend = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"},"routing":{"method":"single","channels":["email"]}}}""";

    private WebhookFixture(EngineHost engine, FakeProviderServer receiver, CreatedWebhookEndpoint endpoint)
    {
        Engine = engine;
        Receiver = receiver;
        Endpoint = endpoint.Endpoint;
        Secret = endpoint.Secret;
    }

    public EngineHost Engine { get; }

    public FakeProviderServer Receiver { get; }

    public WebhookEndpoint Endpoint { get; }

    public string Secret { get; }

    public static async Task<WebhookFixture> CreateAsync(
        IReadOnlyList<string>? events = null, bool machineHits = false, Dictionary<string, string?>? settings = null, string? url = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var receiver = await FakeProviderServer.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Providers:sim-email:Type"] = "simulated",
            ["Providers:sim-email:Channel"] = "email",
            ["Providers:sim-email:DeliveryDelayMs"] = "0",
            ["Webhooks:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var engine = await EngineHost.CreateAsync(all, configureServices);
        var created = await engine.Services.GetRequiredService<WebhookEndpointService>().CreateAsync(new WebhookEndpointChange
        {
            Url = url ?? new Uri(receiver.BaseAddress, "/hook").ToString(),
            Events = events,
            IncludeMachineHits = machineHits,
        });
        return new WebhookFixture(engine, receiver, created);
    }

    public Task<int> DeliverAsync() =>
        Engine.Services.GetRequiredService<WebhookDeliveryJob>().RunAsync(Endpoint.Id, CancellationToken.None);

    public async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = Engine.CreateContext();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    public async Task<WebhookEndpoint> ReloadEndpointAsync()
    {
        await using var db = Engine.CreateContext();
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == Endpoint.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
